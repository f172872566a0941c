import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { insertMessage } from '../server/services/messages/create';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

async function connect(query: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages${query}`, { headers });
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const emit = (event: string, data: unknown) => ws.send(JSON.stringify({ event, data }));
  const next = (event: string, where: (f: Frame) => boolean = () => true) =>
    eventually(async () => frames.find((f) => f.event === event && where(f)));
  return { ws, frames, emit, next };
}

async function widgetSession(publicKey: string, externalUserId?: string, origin?: string) {
  return api(srv.url, 'POST', '/widget/session', {
    body: { publicKey, externalUserId },
    headers: origin ? { origin } : {},
  });
}

describe('/messages gateway', () => {
  it('refuses an unauthenticated upgrade', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('?token=garbage')).rejects.toThrow('HTTP 401');
  });

  it('lets a widget follow its own conversation live: messages, delivered on push, read on its read frame', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const session = await widgetSession(bot.publicKey);
    expect(session.status).toBe(201);
    const { token, externalUserId } = session.body;
    const sent = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'Hi from the widget' },
    });
    expect(sent.status).toBe(202);
    const conversationId = sent.body.data.conversation.id;

    const gw = await connect(`?token=${token}`);
    gw.emit('subscribe', { conversationId });
    await gw.next('subscribed');

    const reply = await api(srv.url, 'POST', `/api/conversations/${conversationId}/messages`, {
      token: await tokenFor(admin),
      body: { type: 'text', content: { text: 'Hello, this is Ana' } },
    });
    expect(reply.status).toBe(201);
    const frame = await gw.next('message', (f) => f.data.content === 'Hello, this is Ana');
    expect(frame.data).toMatchObject({ id: reply.body.id, conversationId, role: 'ASSISTANT' });
    await gw.next(
      'message:status',
      (f) => f.data.messageId === reply.body.id && f.data.status === 'DELIVERED',
    );

    gw.emit('read', { conversationId });
    await gw.next(
      'message:status',
      (f) => f.data.messageId === reply.body.id && f.data.status === 'READ',
    );
    const [row] = await db.select().from(messages).where(eq(messages.uuid, reply.body.id));
    expect(row!.status).toBe('read');
    gw.ws.close();
  });

  it("keeps a widget out of another visitor's conversation, over the gateway and REST", async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const other = await api(srv.url, 'POST', '/messages/send', {
      token: await tokenFor(admin),
      body: { chatbotId: bot.id, externalUserId: visitor(), content: 'someone else' },
    });
    const otherId = other.body.data.conversation.id;
    const mine = await widgetSession(bot.publicKey);
    const gw = await connect('', { authorization: `Bearer ${mine.body.token}` });
    gw.emit('subscribe', { conversationId: otherId });
    const err = await gw.next('error');
    expect(err.data.message).toBe('Conversation not found');
    expect(
      (await api(srv.url, 'GET', `/messages/conversation/${otherId}`, { token: mine.body.token }))
        .status,
    ).toBe(404);
    const spoof = await api(srv.url, 'POST', '/messages/send', {
      token: mine.body.token,
      body: { chatbotId: bot.id, externalUserId: 'somebody-else', content: 'x' },
    });
    expect(spoof.status).toBe(403);
    // A widget token is no agent: the console's API refuses it.
    expect(
      (await api(srv.url, 'GET', `/conversations/${otherId}`, { token: mine.body.token })).status,
    ).toBe(401);
    gw.ws.close();
  });

  it('checks the chatbot’s origin allow-list when a session is opened', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    await callerFor(admin).chatbots.update({
      id: bot.id,
      patch: { allowedOrigins: ['https://shop.example'] },
    });
    expect((await widgetSession(bot.publicKey, undefined, 'https://evil.example')).status).toBe(
      403,
    );
    expect((await widgetSession(bot.publicKey, undefined, 'https://shop.example')).status).toBe(
      201,
    );
    expect((await widgetSession('pk_unknown')).status).toBe(401);
  });
});

/** A WebSocket client on a bare TCP socket, so a test can stop reading for real. */
async function rawClient(path: string) {
  const { port } = new URL(srv.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise((resolve) => socket.once('data', resolve));
  const sendText = (text: string) => {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const header = Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    socket.write(Buffer.concat([header, mask, payload.map((b, i) => b ^ mask[i % 4]!)]));
  };
  return { socket, sendText };
}

describe('/messages gateway hardening', () => {
  it('disconnects a client that stops reading instead of buffering without bound', async () => {
    const { config } = await import('../server/config');
    const previous = config.WS_MAX_BUFFERED_BYTES;
    config.WS_MAX_BUFFERED_BYTES = 64 * 1024;
    try {
      const { admin } = await makeWorkspace();
      const bot = await makeChatbot(admin, { aiEnabled: false });
      const token = await tokenFor(admin);
      const first = await api(srv.url, 'POST', '/messages/send', {
        token,
        body: { chatbotId: bot.id, externalUserId: visitor(), content: 'hi' },
      });
      const conversationId = first.body.data.conversation.id;
      const raw = await rawClient(`/messages?token=${token}`);
      raw.sendText(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
      await eventually(async () => srv.sockets.counts().messages === 1);
      await new Promise((r) => setTimeout(r, 200));
      raw.socket.pause();
      const big = 'x'.repeat(8000);
      const [c] = await db
        .select()
        .from(conversations)
        .where(eq(conversations.uuid, conversationId));
      // Far more than loopback's kernel buffers hold (a few MB), written in bulk.
      for (let batch = 0; batch < 10 && srv.sockets.counts().messages > 0; batch++) {
        await db.transaction(async (tx) => {
          for (let i = 0; i < 200; i++) {
            await insertMessage(tx, c!, {
              direction: 'outbound',
              origin: 'operator',
              content: { text: `${batch}.${i} ${big}` },
            });
          }
        });
        await new Promise((r) => setTimeout(r, 200));
      }
      await eventually(async () => srv.sockets.counts().messages === 0);
      raw.socket.destroy();
    } finally {
      config.WS_MAX_BUFFERED_BYTES = previous;
    }
  });
});
