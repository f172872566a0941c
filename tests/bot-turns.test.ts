import { and, asc, eq } from 'drizzle-orm';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { botTurns, conversations, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { takenOnAccept } from '../server/services/bot-turns/turns';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { startTestServer, type TestServer } from './helpers/server';
import { eventually, openBotTurns, runWorker, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

let srv: TestServer;
let worker: WorkerHandle;
const limits = { model: config.MODEL_MAX_IN_FLIGHT, chatbot: config.CHATBOT_MAX_IN_FLIGHT };
beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
});
afterEach(() => {
  useOpenAI(false);
  config.MODEL_MAX_IN_FLIGHT = limits.model;
  config.CHATBOT_MAX_IN_FLIGHT = limits.chatbot;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lastUserLine = (body: CapturedRequest) =>
  String(body.messages.filter((m) => m.role === 'user').at(-1)!.content);

/** A model that takes `ms` per completion and tells how many were in flight at most, by chatbot prompt. */
function slowModel(ms: number) {
  const seen = { inFlight: 0, most: 0, calls: 0, byPrompt: new Map<string, number>() };
  const mostByPrompt = new Map<string, number>();
  mockServer.use(
    openaiHandler(async (body) => {
      const prompt = String(body.messages[0]!.content);
      seen.calls++;
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      seen.byPrompt.set(prompt, (seen.byPrompt.get(prompt) ?? 0) + 1);
      mostByPrompt.set(prompt, Math.max(mostByPrompt.get(prompt) ?? 0, seen.byPrompt.get(prompt)!));
      await sleep(ms);
      seen.inFlight--;
      seen.byPrompt.set(prompt, seen.byPrompt.get(prompt)! - 1);
      return completion(`re: ${lastUserLine(body)}`);
    }),
  );
  return { seen, mostByPrompt };
}

async function botWith(prompt: string) {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  await callerFor(admin).chatbots.update({ id: bot.id, patch: { systemPrompt: prompt } });
  return { admin, bot };
}

async function repliesIn(conversationUuid: string) {
  const [c] = await db.select().from(conversations).where(eq(conversations.uuid, conversationUuid));
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, c!.id), eq(messages.origin, 'bot')))
    .orderBy(asc(messages.id));
  return rows.map((m) => (m.content as { text: string }).text);
}

describe('bot turns: model calls outside the job slots', () => {
  it('answers many conversations at once with a slow model, each once and in order', async () => {
    useOpenAI(true);
    const { seen } = slowModel(600);
    const { admin, bot } = await botWith('many at once');
    const customers = Array.from({ length: 24 }, () => visitor());
    // Each customer writes twice, the second after the first reply: two turns each, in order.
    const conversationsOf = await Promise.all(
      customers.map(async (externalUserId, i) => {
        const r = await sendAsCustomer(srv.url, admin, {
          chatbotId: bot.id,
          externalUserId,
          content: `a${i}`,
        });
        return r.body.data.conversation.id as string;
      }),
    );
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    // More calls in flight than the worker has job slots: a call holds none.
    expect(seen.most).toBeGreaterThan(config.WORKER_CONCURRENCY);
    await Promise.all(
      customers.map((externalUserId, i) =>
        sendAsCustomer(srv.url, admin, {
          chatbotId: bot.id,
          externalUserId,
          conversationId: conversationsOf[i],
          content: `b${i}`,
        }),
      ),
    );
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    for (const [i, uuid] of conversationsOf.entries())
      expect(await repliesIn(uuid)).toEqual([`re: a${i}`, `re: b${i}`]);
    expect(seen.calls).toBe(48);
  });

  it('never has more calls in flight than the provider limit, and loses none past it', async () => {
    useOpenAI(true);
    config.MODEL_MAX_IN_FLIGHT = 3;
    const { seen } = slowModel(300);
    const { admin, bot } = await botWith('limited provider');
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sendAsCustomer(srv.url, admin, {
          chatbotId: bot.id,
          externalUserId: visitor(),
          content: `p${i}`,
        }),
      ),
    );
    // While the limit holds turns back, they wait in the table.
    await eventually(async () => {
      const waiting = await db.select().from(botTurns).where(eq(botTurns.state, 'waiting'));
      return waiting.length > 0;
    });
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    expect(seen.most).toBe(3);
    for (const [i, r] of sent.entries())
      expect(await repliesIn(r.body.data.conversation.id)).toEqual([`re: p${i}`]);
  });

  it('takes a turn in the statement that accepts its message, never past the limit', async () => {
    useOpenAI(true);
    slowModel(50);
    const { admin, bot } = await botWith('taken on accept');
    const visitors = Array.from({ length: 6 }, () => visitor());
    // A first line opens each conversation (the general path: its turn is announced and claimed).
    const opened = await Promise.all(
      visitors.map((externalUserId, i) =>
        sendAsCustomer(srv.url, admin, { chatbotId: bot.id, externalUserId, content: `a${i}` }),
      ),
    );
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    config.MODEL_MAX_IN_FLIGHT = 2;
    const { seen } = slowModel(300);
    const taken = takenOnAccept.turns;
    // The second lines name their conversations: the ordinary send, in one statement.
    await Promise.all(
      visitors.map((externalUserId, i) =>
        sendAsCustomer(srv.url, admin, {
          chatbotId: bot.id,
          externalUserId,
          conversationId: opened[i]!.body.data.conversation.id,
          content: `b${i}`,
        }),
      ),
    );
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    expect(takenOnAccept.turns - taken).toBeGreaterThan(0);
    expect(seen.most).toBeLessThanOrEqual(2);
    expect(seen.calls).toBe(6);
    for (const [i, r] of opened.entries())
      expect(await repliesIn(r.body.data.conversation.id)).toEqual([`re: a${i}`, `re: b${i}`]);
  });

  it('keeps places for other chatbots while one is busy', async () => {
    useOpenAI(true);
    config.MODEL_MAX_IN_FLIGHT = 4;
    config.CHATBOT_MAX_IN_FLIGHT = 2;
    const { mostByPrompt } = slowModel(300);
    const busy = await botWith('busy bot');
    const quiet = await botWith('quiet bot');
    const busySends = Array.from({ length: 10 }, (_, i) =>
      sendAsCustomer(srv.url, busy.admin, {
        chatbotId: busy.bot.id,
        externalUserId: visitor(),
        content: `x${i}`,
      }),
    );
    await Promise.all(busySends);
    const quietSent = await sendAsCustomer(srv.url, quiet.admin, {
      chatbotId: quiet.bot.id,
      externalUserId: visitor(),
      content: 'me too',
    });
    // The quiet bot is answered while the busy one still has turns waiting.
    await eventually(
      async () => (await repliesIn(quietSent.body.data.conversation.id)).length === 1,
    );
    const [row] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.uuid, quietSent.body.data.conversation.id));
    expect(await db.select().from(botTurns).where(eq(botTurns.conversationId, row!.id))).toEqual(
      [],
    );
    expect(await openBotTurns()).toBeGreaterThan(0);
    await eventually(async () => (await openBotTurns()) === 0, 30_000);
    expect(mostByPrompt.get('busy bot')).toBe(2);
  });

  it('waits for Retry-After on a 429 and then answers, without using an attempt', async () => {
    useOpenAI(true);
    const calls: number[] = [];
    mockServer.use(
      openaiHandler((body) => {
        calls.push(Date.now());
        if (calls.length === 1)
          return HttpResponse.json(
            {
              error: {
                message: 'Rate limit reached',
                type: 'requests',
                param: null,
                code: 'rate_limit_exceeded',
              },
            },
            { status: 429, headers: { 'retry-after': '2' } },
          );
        return completion(`re: ${lastUserLine(body)}`);
      }),
    );
    const { admin, bot } = await botWith('rate limited');
    const r = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'hello?',
    });
    const [turn] = await eventually(async () => {
      const rows = await db.select().from(botTurns).where(eq(botTurns.state, 'waiting'));
      return calls.length === 1 && rows.length ? rows : null;
    });
    // It waits in the table for the time the provider named, its attempt given back.
    expect(turn!.runAfter.getTime() - Date.now()).toBeGreaterThan(1_000);
    expect(turn!.attempts).toBe(0);
    await eventually(async () => (await repliesIn(r.body.data.conversation.id)).length === 1);
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(2_000);
    expect(await repliesIn(r.body.data.conversation.id)).toEqual(['re: hello?']);
  });

  it('answers three lines written while the model works with one reply, and a later line with its own', async () => {
    useOpenAI(true);
    const asked: string[][] = [];
    mockServer.use(
      openaiHandler(async (body) => {
        asked.push(body.messages.filter((m) => m.role === 'user').map((m) => String(m.content)));
        await sleep(800);
        return completion(`re: ${asked.at(-1)!.join(' + ')}`);
      }),
    );
    const { admin, bot } = await botWith('bursts');
    const user = visitor();
    const first = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'my order',
    });
    const conversationId = first.body.data.conversation.id as string;
    await eventually(async () => asked.length === 1);
    for (const line of ['is late', 'it was due monday'])
      await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: user,
        conversationId,
        content: line,
      });
    await eventually(async () => (await repliesIn(conversationId)).length === 1);
    await eventually(async () => (await openBotTurns()) === 0);
    expect(await repliesIn(conversationId)).toEqual(['re: my order + is late + it was due monday']);
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      conversationId,
      content: 'thanks',
    });
    await eventually(async () => (await repliesIn(conversationId)).length === 2);
    expect((await repliesIn(conversationId))[1]).toBe(
      're: my order + is late + it was due monday + thanks',
    );
  });
});
