import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { conversations, events, messages, type User } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { openConsoleSocket } from './helpers/console-socket';
import { captureLogLines } from './helpers/logs';
import { api, startTestServer, type TestServer } from './helpers/server';
import { eventually, runWorker, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

const SECRET = 'sk-orders-5b1d0e22-do-not-leak';
const logLines = captureLogLines();

let srv: TestServer;
let worker: WorkerHandle;
let ordersApi: Server;
let port: number;
const apiKeys: (string | undefined)[] = [];
beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
  ordersApi = createServer((req, res) => {
    apiKeys.push(req.headers['x-api-key'] as string | undefined);
    if (req.url!.startsWith('/slow')) return void setTimeout(() => res.end('{}'), 3000);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ order: decodeURIComponent(req.url!.split('/')[2]!), state: 'shipped' }),
    );
  });
  await new Promise<void>((r) => ordersApi.listen(0, '127.0.0.1', r));
  port = (ordersApi.address() as AddressInfo).port;
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
  await new Promise<void>((r) => ordersApi.close(() => r()));
});
afterEach(() => useOpenAI(false));
afterAll(() => {
  console.log(
    logLines
      .filter((l) => /"level":(40|50)/.test(l))
      .join('\n')
      .slice(0, 4000),
  );
});

/** A chatbot with the order_status tool, its API on this machine (so its host is allowed). */
async function botWithTool(urlPath = '/orders/{orderId}', allowedHosts = ['localhost']) {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  await callerFor(admin).botTools.create({
    chatbotId: bot.id,
    name: 'order_status',
    description: 'Where an order is, by its number.',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' } },
      required: ['orderId'],
    },
    urlTemplate: `http://localhost:${port}${urlPath}`,
    headers: [{ name: 'X-Api-Key', value: SECRET }],
    timeoutMs: 300,
    allowedHosts,
  });
  return { admin, bot };
}

/**
 * The model as OpenAI answers: asked about an order, it calls order_status; given the tool's
 * result, it answers with what the result said.
 */
function modelUsingTheTool(captured: CapturedRequest[]) {
  return openaiHandler((body) => {
    const last = body.messages.at(-1)!;
    if (last.role === 'tool') {
      const result = JSON.parse(last.content!) as { ok: boolean; data?: { state?: string } };
      return completion(
        result.ok ? `Your order is ${result.data!.state}.` : 'I could not check your order now.',
      );
    }
    if (/order/.test(last.content ?? ''))
      return completion(null, [{ name: 'order_status', arguments: { orderId: 'A 1' } }]);
    return completion('Hello! How can I help?');
  }, captured);
}

async function widgetConversation(bot: { id: string; publicKey: string }, content: string) {
  const session = await api(srv.url, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  const { token, externalUserId } = session.body;
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId: bot.id, externalUserId, content },
  });
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.uuid, sent.body.data.conversation.id));
  return { token, externalUserId, conversation: c! };
}

const botReplies = (conversationId: number) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.origin, 'bot')))
    .orderBy(asc(messages.id));

const replyNumber = (conversationId: number, n: number) =>
  eventually(async () => (await botReplies(conversationId))[n - 1]);

const toolEvents = (conversationId: number) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.conversationId, conversationId), eq(events.type, 'bot:tool_call')));

async function gatewayFor(token: string, conversationUuid: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: string[] = [];
  ws.on('message', (raw) => frames.push(raw.toString()));
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId: conversationUuid } }));
  await eventually(async () => frames.some((f) => f.includes('"subscribed"')));
  return { ws, frames };
}

describe('custom tools in a reply', () => {
  it("gives the model the tool's result and the customer its answer; agents see the call, the widget never", async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(modelUsingTheTool(captured));
    const { admin, bot } = await botWithTool();
    const { token, conversation } = await widgetConversation(bot, 'hi');
    await replyNumber(conversation.id, 1);

    const agent = await openConsoleSocket(srv.url, await tokenFor(admin as User));
    const stream = await agent.subscribe('realtime.conversation', {
      conversationId: conversation.id,
    });
    const widget = await gatewayFor(token, conversation.uuid);
    await api(srv.url, 'POST', '/messages/send', {
      token,
      body: {
        chatbotId: bot.id,
        externalUserId: conversation.externalUserId,
        content: 'where is my order?',
      },
    });
    const reply = await replyNumber(conversation.id, 2);
    expect(reply.content).toEqual({ text: 'Your order is shipped.' });

    // The model was offered the custom tool beside the built-in ones, and read its result.
    const offered = captured.at(-2)!.tools!.map((t) => t.function.name);
    expect(offered).toEqual(['set_variable', 'handoff_to_human', 'order_status']);
    const toolMessage = captured.at(-1)!.messages.at(-1)!;
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: 'call_0' });
    expect(JSON.parse(toolMessage.content!)).toEqual({
      ok: true,
      status: 200,
      data: { order: 'A 1', state: 'shipped' },
    });
    expect(apiKeys.at(-1)).toBe(SECRET);

    const [event] = await toolEvents(conversation.id);
    expect(event!.payload).toMatchObject({ tool: 'order_status', status: 'ok', httpStatus: 200 });
    expect(Object.keys(event!.payload).sort()).toEqual(
      ['durationMs', 'httpStatus', 'status', 'tool', 'toolId'].sort(),
    );
    type Item = { data?: { type: string; payload: unknown } } | undefined;
    const seen = await eventually(async () =>
      stream
        .data()
        .map((f) => (f.result?.data as Item)?.data)
        .find((e) => e?.type === 'bot:tool_call'),
    );
    expect(seen.payload).toEqual(event!.payload);
    // The reply reached the widget; the tool call did not.
    await eventually(async () => widget.frames.some((f) => f.includes('Your order is shipped.')));
    expect(widget.frames.join('\n')).not.toMatch(/order_status|tool/);
    widget.ws.close();
    await agent.close();

    const everything = [
      JSON.stringify(
        await db.select().from(events).where(eq(events.conversationId, conversation.id)),
      ),
      JSON.stringify(await callerFor(admin).botTools.list({ chatbotId: bot.id })),
      logLines.join('\n'),
    ].join('\n');
    expect(logLines.some((l) => l.includes('bot tool called'))).toBe(true);
    expect(everything).not.toContain(SECRET);
  });

  it('lets a refused or timed-out tool fail without breaking the reply', async () => {
    useOpenAI(true);
    mockServer.use(modelUsingTheTool([]));
    const cases = [
      { bot: await botWithTool('/orders/{orderId}', []), code: 'blocked_address' },
      { bot: await botWithTool('/slow/{orderId}'), code: 'timeout' },
    ];
    for (const { bot, code } of cases) {
      const { conversation } = await widgetConversation(bot.bot, 'my order?');
      const reply = await replyNumber(conversation.id, 1);
      expect(reply.content).toEqual({ text: 'I could not check your order now.' });
      expect(reply.metadata).toMatchObject({ responder: 'openai' });
      const [event] = await toolEvents(conversation.id);
      expect(event!.payload).toMatchObject({
        tool: 'order_status',
        status: 'error',
        errorCode: code,
      });
    }
  });

  it('stops calling tools after the bounded rounds and asks for words', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(
      openaiHandler(
        (body) =>
          body.tools
            ? completion(null, [{ name: 'order_status', arguments: { orderId: '9' } }])
            : completion('Still checking, sorry.'),
        captured,
      ),
    );
    const { bot } = await botWithTool();
    const { conversation } = await widgetConversation(bot, 'order 9?');
    const reply = await replyNumber(conversation.id, 1);
    expect(reply.content).toEqual({ text: 'Still checking, sorry.' });
    expect(captured.filter((c) => c.tools).length).toBe(3);
    expect(await toolEvents(conversation.id)).toHaveLength(3);
  });
});
