import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { conversations, conversationVariables, events, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { FALLBACK_TEXT } from '../server/services/bot-replies';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { api, startTestServer, type TestServer } from './helpers/server';
import { eventually, pendingJobs, runRetriesNow, runWorker, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiError, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

let srv: TestServer;
let worker: WorkerHandle;
beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
});
afterEach(() => useOpenAI(false));

async function conversationOf(uuid: string) {
  const [c] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
  return c!;
}

async function botReplies(conversationId: number) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.origin, 'bot')))
    .orderBy(asc(messages.id));
}

async function setup(prompt = 'You sell pizza.') {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  await callerFor(admin).chatbots.update({
    id: bot.id,
    patch: { systemPrompt: prompt, model: 'gpt-4.1-mini', temperature: 0.2 },
  });
  return { admin, bot };
}

describe('the message pipeline with OpenAI', () => {
  it('answers with the chatbot’s model, prompt and the mapped history, then sends the reply', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion('We have margherita and pepperoni.'), captured));
    const { admin, bot } = await setup();
    const user = visitor();
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'What pizzas do you have?',
    });
    const c = await conversationOf(res.body.data.conversation.id);
    const [reply] = await eventually(async () => {
      const r = await botReplies(c.id);
      return r.length && r[0]!.status === 'sent' ? r : null;
    });
    expect(reply).toMatchObject({
      direction: 'outbound',
      content: { text: 'We have margherita and pepperoni.' },
    });
    expect(reply!.metadata).toMatchObject({ responder: 'openai' });
    const request = captured[0]!;
    expect(request.model).toBe('gpt-4.1-mini');
    expect(request.temperature).toBe(0.2);
    expect(request.messages[0]).toEqual({ role: 'system', content: 'You sell pizza.' });
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'What pizzas do you have?' });
    expect(request.tools?.map((t) => t.function.name).sort()).toEqual([
      'handoff_to_human',
      'set_variable',
    ]);

    const types = (
      await db.select().from(events).where(eq(events.conversationId, c.id)).orderBy(asc(events.id))
    ).map(
      (e) =>
        `${e.type}${e.type === 'typing' ? `:${(e.payload as { isTyping: boolean }).isTyping}` : ''}`,
    );
    expect(types).toEqual(
      expect.arrayContaining(['message:created', 'typing:true', 'typing:false', 'message:status']),
    );
    expect(types.indexOf('typing:true')).toBeLessThan(types.lastIndexOf('message:created'));
    expect(types.lastIndexOf('message:created')).toBeLessThan(types.indexOf('typing:false'));

    // The next turn carries the whole history: client → user, bot → assistant, operator → assistant + name.
    await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: await tokenFor(admin),
      body: { type: 'text', content: { text: 'Operator here' } },
    });
    await api(srv.url, 'POST', `/api/conversations/${c.uuid}/release`, {
      token: await tokenFor(admin),
    });
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'Thanks!',
    });
    await eventually(async () => captured.length >= 2);
    expect(captured[1]!.messages.slice(1)).toEqual([
      { role: 'user', content: 'What pizzas do you have?' },
      { role: 'assistant', content: 'We have margherita and pepperoni.' },
      { role: 'assistant', content: 'Operator here', name: 'operator_Admin' },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('runs set_variable and handoff_to_human tool calls', async () => {
    useOpenAI(true);
    mockServer.use(
      openaiHandler((_body, call) =>
        call === 1
          ? completion(null, [
              { name: 'set_variable', arguments: { key: 'order', value: '4711' } },
              { name: 'handoff_to_human', arguments: { reason: 'refund request' } },
            ])
          : completion('A colleague will help you with the refund.'),
      ),
    );
    const { admin, bot } = await setup();
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'Refund order 4711',
    });
    const c = await conversationOf(res.body.data.conversation.id);
    const [reply] = await eventually(async () => {
      const r = await botReplies(c.id);
      return r.length ? r : null;
    });
    expect(reply!.content).toEqual({ text: 'A colleague will help you with the refund.' });
    const vars = await db
      .select()
      .from(conversationVariables)
      .where(eq(conversationVariables.conversationId, c.id));
    expect(vars.map((v) => [v.key, v.value])).toEqual([['order', '4711']]);
    const after = await conversationOf(c.uuid);
    expect(after.assignedBotId).toBeNull();
    expect(after.handoffReason).toBe('refund request');
    const handoff = await db
      .select()
      .from(events)
      .where(and(eq(events.conversationId, c.id), eq(events.type, 'conversation:handoff')));
    expect(handoff).toHaveLength(1);
  });

  it('retries a failing model with backoff, then sends a fallback and hands off', async () => {
    useOpenAI(true);
    const previous = config.AI_REPLY_ATTEMPTS;
    config.AI_REPLY_ATTEMPTS = 3;
    const statuses = [429, 500, 503];
    let calls = 0;
    mockServer.use(openaiHandler(() => openaiError(statuses[Math.min(calls++, 2)]!, 'overloaded')));
    try {
      const { admin, bot } = await setup();
      const res = await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: visitor(),
      });
      const c = await conversationOf(res.body.data.conversation.id);
      const [fallback] = await eventually(async () => {
        await runRetriesNow();
        const r = await botReplies(c.id);
        return r.length ? r : null;
      });
      expect(calls).toBe(3);
      expect(fallback!.content).toEqual({ text: FALLBACK_TEXT });
      expect(fallback!.metadata).toMatchObject({ responder: 'fallback' });
      expect((await conversationOf(c.uuid)).assignedBotId).toBeNull();
    } finally {
      config.AI_REPLY_ATTEMPTS = previous;
    }
  });

  it('stays silent while a human has taken over', async () => {
    useOpenAI(true);
    let calls = 0;
    mockServer.use(
      openaiHandler(() => {
        calls++;
        return completion('should not be sent');
      }),
    );
    const { admin, bot } = await setup();
    const user = visitor();
    const first = await sendAsCustomer(srv.url, admin, { chatbotId: bot.id, externalUserId: user });
    const c = await conversationOf(first.body.data.conversation.id);
    await eventually(async () => (await botReplies(c.id)).length === 1);
    await api(srv.url, 'POST', `/api/conversations/${c.uuid}/takeover`, {
      token: await tokenFor(admin),
      body: {},
    });
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'Are you human?',
    });
    await eventually(
      async () => (await pendingJobs('incoming-message')) + (await pendingJobs('ai-reply')) === 0,
    );
    expect(calls).toBe(1);
    expect(await botReplies(c.id)).toHaveLength(1);
  });

  it('answers ten quick messages with ten replies, in order', async () => {
    useOpenAI(true);
    // The model takes longer for earlier messages: replies computed at the same time would
    // be saved out of order.
    mockServer.use(
      openaiHandler(async (body) => {
        const text = String(body.messages.at(-1)!.content);
        await new Promise((r) => setTimeout(r, 10 * (10 - Number(text.slice(1)))));
        return completion(`re: ${text}`);
      }),
    );
    const { admin, bot } = await setup();
    const user = visitor();
    // All ten are queued before a worker looks, so a worker that fetched several jobs of one
    // conversation's queue at once would run them side by side.
    await worker.stop();
    let uuid = '';
    for (let i = 0; i < 10; i++) {
      const r = await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: user,
        content: `q${i}`,
      });
      uuid = r.body.data.conversation.id;
    }
    worker = await runWorker();
    const c = await conversationOf(uuid);
    const replies = await eventually(async () => {
      const r = await botReplies(c.id);
      return r.length === 10 ? r : null;
    });
    expect(replies.map((r) => (r.content as { text: string }).text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `re: q${i}`),
    );
  });
});
