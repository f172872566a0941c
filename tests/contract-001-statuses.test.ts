import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { insertMessage } from '../server/services/messages/create';
import { advanceDeliveryStatus } from '../server/services/messages/status';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

/*
 * Seed 001's statuses and roles, against its own examples: a `message` event
 * `{id, conversationId, content, role: "USER", deliveryStatus: "SENT", createdAt}` and a
 * `message:status` event `{messageId, status: "DELIVERED"}`; roles USER and ASSISTANT.
 */

const srv = serverForThisFile();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The seed's message example, field for field, with the values this message must hold. */
const seedMessage = (fields: {
  conversationId: string;
  content: string;
  role: string;
  deliveryStatus: string;
}) => ({
  id: expect.stringMatching(UUID),
  createdAt: expect.stringMatching(ISO),
  ...fields,
});

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

async function gateway(token: string, conversationId: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
  const next = (event: string, where: (d: Record<string, unknown>) => boolean) =>
    eventually(async () => frames.find((f) => f.event === event && where(f.data)));
  await next('subscribed', () => true);
  return { ws, frames, next };
}

async function platformWorkspace() {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const token = await tokenFor(admin);
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId: bot.id, externalUserId: visitor(), content: 'Hello!' },
  });
  expect(sent.status).toBe(202);
  const conversationId: string = sent.body.data.conversation.id;
  const reply = (text: string) =>
    api(srv.url, 'POST', `/api/conversations/${conversationId}/messages`, {
      token,
      body: { type: 'text', content: { text } },
    });
  const rest = async (id: string) => (await api(srv.url, 'GET', `/messages/${id}`, { token })).body;
  return { bot, token, sent, conversationId, reply, rest };
}

describe("seed 001's statuses and roles", () => {
  it('shows a customer message as the example does: role USER, SENT, over REST', async () => {
    const { sent, conversationId, token, rest } = await platformWorkspace();
    const expected = seedMessage({
      conversationId,
      content: 'Hello!',
      role: 'USER',
      deliveryStatus: 'SENT',
    });
    expect(sent.body.data.message).toMatchObject(expected);
    expect(await rest(sent.body.data.message.id)).toMatchObject(expected);
    const page = await api(srv.url, 'GET', `/messages/conversation/${conversationId}`, { token });
    expect(page.body.data).toEqual([expect.objectContaining(expected)]);
  });

  it("shows an operator's reply as an ASSISTANT message that starts SENT, while its job is still pending", async () => {
    const { reply, conversationId, rest } = await platformWorkspace();
    const r = await reply('We are on it');
    expect(r.status).toBe(201);
    const [row] = await db.select().from(messages).where(eq(messages.uuid, r.body.id));
    expect(row!.status).toBe('pending');
    expect(await rest(r.body.id)).toMatchObject({
      ...seedMessage({
        conversationId,
        content: 'We are on it',
        role: 'ASSISTANT',
        deliveryStatus: 'SENT',
      }),
      origin: 'operator',
    });
  });

  it("gives the system's own notices the role ASSISTANT", async () => {
    const { conversationId, rest } = await platformWorkspace();
    const [c] = await db.select().from(conversations).where(eq(conversations.uuid, conversationId));
    const notice = await insertMessage(db, c!, {
      direction: 'outbound',
      origin: 'system',
      content: { text: 'This conversation was closed.' },
      status: 'delivered',
    });
    expect(await rest(notice.uuid)).toMatchObject({
      role: 'ASSISTANT',
      origin: 'system',
      deliveryStatus: 'DELIVERED',
    });
  });

  it('pushes the same bodies over the plain gateway: message SENT, then message:status DELIVERED, never PENDING', async () => {
    const { token, conversationId, reply } = await platformWorkspace();
    // An agent's socket: nothing marks a message delivered by pushing it, so each move is ours.
    const gw = await gateway(token, conversationId);
    const r = await reply('Here is your answer');
    const frame = await gw.next('message', (d) => d.id === r.body.id);
    expect(frame.data).toMatchObject(
      seedMessage({
        conversationId,
        content: 'Here is your answer',
        role: 'ASSISTANT',
        deliveryStatus: 'SENT',
      }),
    );
    const [row] = await db.select().from(messages).where(eq(messages.uuid, r.body.id));
    await advanceDeliveryStatus(row!.id, { status: 'sent' });
    await advanceDeliveryStatus(row!.id, { status: 'delivered' });
    const delivered = await gw.next('message:status', (d) => d.messageId === r.body.id);
    expect(delivered.data).toEqual({ messageId: r.body.id, status: 'DELIVERED' });
    // Frames arrive in event order: a frame for the move to `sent` would have come first.
    const statuses = gw.frames.filter((f) => f.event === 'message:status').map((f) => f.data);
    expect(statuses).toEqual([{ messageId: r.body.id, status: 'DELIVERED' }]);
    gw.ws.close();
  });

  it("pushes a customer's message to a widget as the seed's example, role USER and SENT", async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const session = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey },
    });
    const { token, externalUserId } = session.body;
    const first = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'first' },
    });
    const conversationId = first.body.data.conversation.id;
    const gw = await gateway(token, conversationId);
    await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'Hello!', conversationId },
    });
    const frame = await gw.next('message', (d) => d.content === 'Hello!');
    expect(frame.data).toMatchObject(
      seedMessage({ conversationId, content: 'Hello!', role: 'USER', deliveryStatus: 'SENT' }),
    );
    gw.ws.close();
  });
});
