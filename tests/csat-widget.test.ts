import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { type Conversation, chatbots, csatResponses, events } from '../server/db/schema';
import { endConversation } from '../server/services/conversations/lifecycle';
import type { ClientEvent } from '../server/trpc/presenters/event';
import type { AppRouter } from '../server/trpc/root';
import { callerFor } from './helpers/auth';
import { conversationRow, inboxWorkspace } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();

interface Visitor {
  token: string;
  conversation: Conversation;
}

let ws: Awaited<ReturnType<typeof inboxWorkspace>>;

/** A new widget visitor who has said hello: their session and their conversation. */
async function newVisitor(bot = ws.bot): Promise<Visitor> {
  const session = await api(srv.url, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  expect(session.status).toBe(201);
  const { token, externalUserId } = session.body;
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId: bot.id, externalUserId, content: 'Hello, my order is late' },
  });
  expect(sent.status).toBe(202);
  return { token, conversation: await conversationRow(sent.body.data.conversation.id) };
}

async function endedVisitor(bot = ws.bot): Promise<Visitor> {
  const v = await newVisitor(bot);
  await endConversation(ws.actor, v.conversation.id);
  return v;
}

const survey = (v: Visitor, id = v.conversation.uuid) =>
  api(srv.url, 'GET', `/widget/survey/${id}`, { token: v.token });
const answer = (v: Visitor, body: unknown, id = v.conversation.uuid) =>
  api(srv.url, 'POST', `/widget/survey/${id}`, { token: v.token, body });

beforeAll(async () => {
  ws = await inboxWorkspace({ aiEnabled: false });
});

describe('GET /widget/survey/:conversationId', () => {
  it('says not asked while the conversation is open', async () => {
    const v = await newVisitor();
    expect(await survey(v)).toMatchObject({
      status: 200,
      body: { conversationId: v.conversation.uuid, asked: false, rating: null, comment: null },
    });
  });

  it('says asked, not rated, once the conversation ended', async () => {
    const v = await endedVisitor();
    expect(await survey(v)).toMatchObject({
      status: 200,
      body: { conversationId: v.conversation.uuid, asked: true, rating: null, comment: null },
    });
  });

  it('says not asked when the chatbot asks no survey', async () => {
    const [bot] = await db
      .insert(chatbots)
      .values({
        workspaceId: ws.workspace.id,
        name: 'No survey',
        publicKey: `pk_nosurvey_${Date.now()}`,
        aiEnabled: false,
        csatEnabled: false,
      })
      .returning();
    const v = await endedVisitor({ id: bot!.uuid, publicKey: bot!.publicKey } as typeof ws.bot);
    expect((await survey(v)).body).toMatchObject({ asked: false });
    expect(
      await db
        .select()
        .from(csatResponses)
        .where(eq(csatResponses.conversationId, v.conversation.id)),
    ).toEqual([]);
    expect((await answer(v, { rating: 5 })).status).toBe(409);
  });

  it("answers 404 for another visitor's conversation and 400 for a malformed id", async () => {
    const ana = await endedVisitor();
    const bea = await newVisitor();
    const other = await survey(bea, ana.conversation.uuid);
    expect(other.status).toBe(404);
    expect(other.body.message).toBe('Conversation not found');
    expect((await answer(bea, { rating: 1 }, ana.conversation.uuid)).status).toBe(404);
    const malformed = await survey(bea, 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['conversationId must be a uuid']);
  });

  it('needs the session token', async () => {
    const v = await endedVisitor();
    const res = await api(srv.url, 'GET', `/widget/survey/${v.conversation.uuid}`);
    expect(res.status).toBe(401);
  });

  it("answers a page's preflight with the widget's CORS", async () => {
    const res = await fetch(`${srv.url}/widget/survey/${crypto.randomUUID()}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});

describe('POST /widget/survey/:conversationId', () => {
  it('records the rating, then the comment replacing it, and tells the agents', async () => {
    const v = await endedVisitor();
    expect(await answer(v, { rating: 4 })).toMatchObject({
      status: 200,
      body: { conversationId: v.conversation.uuid, asked: true, rating: 4, comment: null },
    });
    expect(await answer(v, { rating: 5, comment: 'Quick and kind' })).toMatchObject({
      status: 200,
      body: { asked: true, rating: 5, comment: 'Quick and kind' },
    });
    expect((await survey(v)).body).toMatchObject({ rating: 5, comment: 'Quick and kind' });
    const [row] = await db
      .select()
      .from(csatResponses)
      .where(eq(csatResponses.conversationId, v.conversation.id));
    expect(row).toMatchObject({ rating: 5, comment: 'Quick and kind', channel: 'WIDGET' });
    expect(row!.answeredAt).toBeInstanceOf(Date);
    const rated = await db
      .select({ payload: events.payload })
      .from(events)
      .where(eq(events.conversationId, v.conversation.id));
    expect(rated.map((e) => e.payload).filter((p) => 'rating' in p)).toEqual([
      { rating: 4, commented: false },
      { rating: 5, commented: true },
    ]);
  });

  it('answers 409 while the conversation is open', async () => {
    const v = await newVisitor();
    const res = await answer(v, { rating: 3 });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('No survey was asked in this conversation');
  });

  it('answers 400 for a rating outside 1..5 or not an integer, or a comment too long', async () => {
    const v = await endedVisitor();
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: '4' }, {}]) {
      const res = await answer(v, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const long = await answer(v, { rating: 3, comment: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect((await survey(v)).body).toMatchObject({ asked: true, rating: null });
  });
});

describe('the rating, live to the agents and to no customer', () => {
  it("reaches the console's conversation stream and its details, never the visitor's socket", async () => {
    const v = await newVisitor();
    const socket = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${v.token}`);
    const frames: { event: string }[] = [];
    socket.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({ event: 'subscribe', data: { conversationId: v.conversation.uuid } }),
    );
    await eventually(async () => frames.some((f) => f.event === 'subscribed'));

    const client = createWSClient({
      url: `${srv.url.replace('http', 'ws')}/trpc`,
      WebSocket: WebSocket as never,
      connectionParams: { token: ws.token },
    });
    const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client })] });
    const received: ClientEvent[] = [];
    let started = false;
    const sub = trpc.realtime.conversation.subscribe(
      { conversationId: v.conversation.uuid, lastEventId: null },
      {
        onStarted: () => (started = true),
        onData: (d) => received.push((d as unknown as { data: ClientEvent }).data),
      },
    );
    try {
      await eventually(async () => started);
      await endConversation(ws.actor, v.conversation.id);
      expect((await answer(v, { rating: 2, comment: 'Slow' })).status).toBe(200);
      const rated = await eventually(async () => received.find((e) => e.type === 'csat:rated'));
      expect(rated.payload).toEqual({ rating: 2, commented: true });
      // The status frame came; nothing of the survey did.
      await eventually(async () => frames.some((f) => f.event === 'conversation:status'));
      expect(frames.map((f) => f.event).filter((e) => /csat|rat/i.test(e))).toEqual([]);
      expect(
        await callerFor(ws.admin).csat.forConversation({ conversationId: v.conversation.uuid }),
      ).toMatchObject({ rating: 2, comment: 'Slow', channel: 'WIDGET' });
    } finally {
      sub.unsubscribe();
      await client.close();
      socket.close();
    }
  });
});

describe("the chatbot's survey switch and language", () => {
  it('are set through the chatbot API, the language one of en, pt-BR, es', async () => {
    const bad = await api(srv.url, 'PATCH', `/chatbots/${ws.bot.id}`, {
      token: ws.token,
      body: { language: 'fr' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['language must be one of en, pt-BR, es']);
    const set = await api(srv.url, 'PATCH', `/chatbots/${ws.bot.id}`, {
      token: ws.token,
      body: { csatEnabled: false, language: 'pt-BR' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ csatEnabled: false, language: 'pt-BR' });
    try {
      const v = await endedVisitor();
      expect((await survey(v)).body).toMatchObject({ asked: false });
    } finally {
      await api(srv.url, 'PATCH', `/chatbots/${ws.bot.id}`, {
        token: ws.token,
        body: { csatEnabled: true, language: 'en' },
      });
    }
  });
});
