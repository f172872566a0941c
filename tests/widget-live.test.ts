import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bundleWidget } from '../server/channels/widget-client/bundle';
import { db } from '../server/db/client';
import { conversations, workspaces } from '../server/db/schema';
import { closeIdleConversations } from '../server/services/idle';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

/*
 * Issue 23, the server's side of a widget that feels alive: the chatbot's widget settings, the
 * public config the widget reads with its key alone, an agent's typing (never a note's) and
 * the chat's end on the visitor's socket.
 */

const srv = serverForThisFile();

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** A visitor with a session, a conversation with one message, and its socket subscribed. */
async function visitorOnline(publicKey: string, chatbotId: string) {
  const session = await api(srv.url, 'POST', '/widget/session', { body: { publicKey } });
  expect(session.status).toBe(201);
  const { token, externalUserId } = session.body;
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId, externalUserId, content: 'Is anyone there?' },
  });
  expect(sent.status).toBe(202);
  const conversationId: string = sent.body.data.conversation.id;
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
  const next = (event: string, where: (f: Frame) => boolean = () => true) =>
    eventually(async () => frames.find((f) => f.event === event && where(f)));
  await next('subscribed');
  return { ws, frames, next, conversationId };
}

describe('the widget script', () => {
  it('stays under 30 kB gzipped as bundled and served (issue 23)', async () => {
    const script = await (await fetch(`${srv.url}/widget.js`)).text();
    expect(script).toBe(bundleWidget());
    expect(gzipSync(script).length).toBeLessThan(30 * 1000);
  });
});

describe("the chatbot's widget settings", () => {
  it('refuses a colour that is not #rrggbb, an empty title and an unknown position (400)', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const token = await tokenFor(admin);
    const bad = [
      [{ widgetColor: 'red' }, 'widgetColor must be a hex colour such as #2563eb'],
      [{ widgetColor: '#12345g' }, 'widgetColor must be a hex colour such as #2563eb'],
      [{ widgetColor: '#fff;} .x{' }, 'widgetColor must be a hex colour such as #2563eb'],
      [{ widgetTitle: '   ' }, 'widgetTitle should not be empty'],
      [
        { widgetTitle: 'x'.repeat(61) },
        'widgetTitle must be shorter than or equal to 60 characters',
      ],
      [{ widgetPosition: 'top-left' }, 'widgetPosition must be one of bottom-right, bottom-left'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await api(srv.url, 'PATCH', `/chatbots/${bot.id}`, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.body.message)).toContain(message);
    }
    await expect(
      callerFor(admin).chatbots.update({ id: bot.id, patch: { widgetColor: 'blue' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const saved = await callerFor(admin).chatbots.update({
      id: bot.id,
      patch: { widgetColor: '#16a34a', widgetTitle: 'Pizza help', widgetPosition: 'bottom-left' },
    });
    expect(saved).toMatchObject({
      widgetColor: '#16a34a',
      widgetTitle: 'Pizza help',
      widgetPosition: 'bottom-left',
    });
  });

  it("is public through GET /widget/config: the look and greeting, none of the chatbot's secrets", async () => {
    const { admin } = await makeWorkspace();
    const bot = await callerFor(admin).chatbots.create({
      name: 'Pizza bot',
      greeting: 'Hi! Ask me about our menu.',
      systemPrompt: 'SECRET-PROMPT never shown',
      faq: [{ keywords: ['menu'], answer: 'SECRET-FAQ answer' }],
      allowedOrigins: ['https://pizza.example'],
      widgetColor: '#dc2626',
      widgetTitle: 'Ask the pizzeria',
      widgetPosition: 'bottom-left',
    });
    const res = await api(srv.url, 'GET', `/widget/config?publicKey=${bot.publicKey}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(200);
    // Exactly these fields: anything added here is readable by anyone who views the page.
    expect(res.body).toEqual({
      name: 'Pizza bot',
      greeting: 'Hi! Ask me about our menu.',
      color: '#dc2626',
      title: 'Ask the pizzeria',
      position: 'bottom-left',
    });
    expect(res.text).not.toMatch(/SECRET|pizza\.example|pk_|uuid/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');

    const unknown = await api(srv.url, 'GET', '/widget/config?publicKey=pk_nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const missing = await api(srv.url, 'GET', '/widget/config');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      statusCode: 400,
      message: ['publicKey should not be empty'],
    });
  });
});

describe("an agent's typing on the visitor's socket", () => {
  it("reaches the widget with the agent's name; a private note's typing never does", async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const visitor = await visitorOnline(bot.publicKey, bot.id);
    try {
      const agent = callerFor(admin);
      const note = await agent.conversations.typing({
        conversationId: visitor.conversationId,
        isTyping: true,
        mode: 'note',
      });
      expect(note).toEqual({ announced: false });
      await agent.conversations.typing({
        conversationId: visitor.conversationId,
        isTyping: true,
        mode: 'reply',
      });
      await agent.conversations.typing({
        conversationId: visitor.conversationId,
        isTyping: false,
        mode: 'reply',
      });
      await visitor.next('typing', (f) => f.data.isTyping === false);
      // Signals reach the socket in the order they were made: a note's would be one more
      // "typing" before these two.
      expect(visitor.frames.filter((f) => f.event === 'typing')).toEqual([
        { event: 'typing', data: { isTyping: true, name: admin.name } },
        { event: 'typing', data: { isTyping: false, name: admin.name } },
      ]);
    } finally {
      visitor.ws.close();
    }
  });

  it("is refused on another workspace's conversation (404) and for bad input (400)", async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const visitor = await visitorOnline(bot.publicKey, bot.id);
    visitor.ws.close();
    const other = await makeWorkspace();
    await expect(
      callerFor(other.admin).conversations.typing({
        conversationId: visitor.conversationId,
        isTyping: true,
        mode: 'reply',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      callerFor(admin).conversations.typing({
        conversationId: visitor.conversationId,
        isTyping: true,
        // @ts-expect-error: a mode the composer does not have
        mode: 'shout',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe("the chat's end on the visitor's socket", () => {
  it('is pushed as conversation:status CLOSED when an agent ends the conversation', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const visitor = await visitorOnline(bot.publicKey, bot.id);
    try {
      await callerFor(admin).conversations.end({ conversationId: visitor.conversationId });
      const ended = await visitor.next('conversation:status');
      expect(ended.data).toEqual({ conversationId: visitor.conversationId, status: 'CLOSED' });
    } finally {
      visitor.ws.close();
    }
  });

  it('is pushed as conversation:status CLOSED when the idle close ends it', async () => {
    const { workspace, admin } = await makeWorkspace();
    await db
      .update(workspaces)
      .set({ idleTimeoutMinutes: 60 })
      .where(eq(workspaces.id, workspace.id));
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const visitor = await visitorOnline(bot.publicKey, bot.id);
    try {
      await db
        .update(conversations)
        .set({ lastActivityAt: sql`now() - interval '61 minutes'` })
        .where(eq(conversations.uuid, visitor.conversationId));
      expect(await closeIdleConversations()).toBeGreaterThanOrEqual(1);
      const ended = await visitor.next('conversation:status');
      expect(ended.data).toEqual({ conversationId: visitor.conversationId, status: 'CLOSED' });
    } finally {
      visitor.ws.close();
    }
  });
});
