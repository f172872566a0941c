import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { conversations, conversationVariables, events, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import type { HubEvent } from '../server/realtime/event-reads';
import { hub } from '../server/realtime/hub';
import { fallbackText } from '../server/services/bot-turns/answering';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { api, startTestServer, type TestServer } from './helpers/server';
import { eventually, openBotTurns, runRetriesNow, runWorker, useOpenAI } from './helpers/worker';
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
    const heard: HubEvent[] = [];
    const stopHearing = hub.subscribe((e) => heard.push(e));
    onTestFinished(stopHearing);
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

    // As the realtime hub passed them on: typing is announced, never stored, and never
    // overtakes the reply it follows.
    await eventually(async () =>
      heard.some(
        (e) => e.conversationId === c.id && e.type === 'typing' && e.payload.isTyping === false,
      ),
    );
    const types = heard
      .filter((e) => e.conversationId === c.id)
      .map((e) => `${e.type}${e.type === 'typing' ? `:${e.payload.isTyping}` : ''}`);
    expect(types).toEqual([
      'conversation:created',
      'message:created',
      'typing:true',
      'message:created',
      'typing:false',
    ]);
    const stored = await db.select().from(events).where(eq(events.conversationId, c.id));
    expect(stored.map((e) => e.type)).not.toContain('typing');
    // The widget's reply is written as sent (no provider carries it): no send job, no status event.
    expect(reply!.sentAt).not.toBeNull();
    expect(stored.map((e) => e.type)).not.toContain('message:status');

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

  it.each([
    ['en', "Sorry, I'm having trouble answering right now."],
    ['es', 'Lo siento, ahora tengo problemas para responder.'],
  ] as const)(
    'retries a failing model with backoff, then sends a fallback (%s) and hands off',
    async (language, opening) => {
      useOpenAI(true);
      const previous = config.AI_REPLY_ATTEMPTS;
      config.AI_REPLY_ATTEMPTS = 3;
      const statuses = [500, 502, 503];
      let calls = 0;
      mockServer.use(
        openaiHandler(() => openaiError(statuses[Math.min(calls++, 2)]!, 'overloaded')),
      );
      try {
        const { admin, bot } = await setup();
        // The fallback is the product's own words: in the chatbot's language.
        await callerFor(admin).chatbots.update({ id: bot.id, patch: { language } });
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
        expect(fallback!.content).toEqual({ text: fallbackText(language) });
        expect((fallback!.content as { text: string }).text.startsWith(opening)).toBe(true);
        expect(fallback!.metadata).toMatchObject({ responder: 'fallback' });
        expect((await conversationOf(c.uuid)).assignedBotId).toBeNull();
      } finally {
        config.AI_REPLY_ATTEMPTS = previous;
      }
    },
  );

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
    await eventually(async () => (await openBotTurns()) === 0);
    expect(calls).toBe(1);
    expect(await botReplies(c.id)).toHaveLength(1);
  });

  it('answers ten lines written before it looked with one reply that sees them all', async () => {
    useOpenAI(true);
    const asked: string[][] = [];
    mockServer.use(
      openaiHandler(async (body) => {
        asked.push(body.messages.filter((m) => m.role === 'user').map((m) => String(m.content)));
        return completion(`re: ${asked.at(-1)!.join(' ')}`);
      }),
    );
    const { admin, bot } = await setup();
    const user = visitor();
    // All ten are written before a worker looks: they are one turn.
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
    const lines = Array.from({ length: 10 }, (_, i) => `q${i}`);
    const [reply] = await eventually(async () => {
      const r = await botReplies(c.id);
      return r.length ? r : null;
    });
    await eventually(async () => (await openBotTurns()) === 0);
    expect(await botReplies(c.id)).toHaveLength(1);
    expect(asked).toEqual([lines]);
    expect(reply!.content).toEqual({ text: `re: ${lines.join(' ')}` });
    const [newest] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.origin, 'client')))
      .orderBy(desc(messages.id))
      .limit(1);
    expect(reply!.replyToMessageId).toBe(newest!.id);
  });

  it('answers each message written after the previous reply with its own, in order', async () => {
    useOpenAI(true);
    mockServer.use(
      openaiHandler(async (body) => completion(`re: ${String(body.messages.at(-1)!.content)}`)),
    );
    const { admin, bot } = await setup();
    const user = visitor();
    let uuid = '';
    for (let i = 0; i < 4; i++) {
      const r = await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: user,
        content: `q${i}`,
      });
      uuid = r.body.data.conversation.id;
      const c = await conversationOf(uuid);
      await eventually(async () => (await botReplies(c.id)).length === i + 1);
    }
    const replies = await botReplies((await conversationOf(uuid)).id);
    expect(replies.map((r) => (r.content as { text: string }).text)).toEqual(
      Array.from({ length: 4 }, (_, i) => `re: q${i}`),
    );
  });
});
