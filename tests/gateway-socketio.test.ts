import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { makeChatbot } from './factories/chatbot';
import { makeUser, PASSWORD } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';

const srv = serverForThisFile();

interface Received {
  event: string;
  data: Record<string, unknown>;
}

const open: Socket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});

/** A socket.io-client on the /messages namespace, recording every event it receives. */
function client(options: {
  auth?: Record<string, unknown>;
  query?: Record<string, string>;
  transports?: ['websocket'];
}) {
  const socket = io(`${srv.url}/messages`, { ...options, reconnection: false, forceNew: true });
  open.push(socket);
  const received: Received[] = [];
  socket.onAny((event: string, data: Record<string, unknown>) => received.push({ event, data }));
  const next = (event: string, where: (r: Received) => boolean = () => true) =>
    eventually(async () => received.find((r) => r.event === event && where(r)));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received, next, connected };
}

async function widgetSession(
  publicKey: string,
): Promise<{ token: string; externalUserId: string }> {
  const session = await api(srv.url, 'POST', '/widget/session', { body: { publicKey } });
  expect(session.status).toBe(201);
  return session.body;
}

describe('/messages gateway for socket.io clients', () => {
  it('refuses a handshake without a valid token', async () => {
    for (const options of [{}, { auth: { token: 'garbage' } }, { query: { token: 'garbage' } }]) {
      const refused = client(options);
      const err = await refused.connected.then(
        () => null,
        (e: Error & { data?: unknown }) => e,
      );
      expect(err?.message).toBe('Unauthorized');
      expect(err?.data).toEqual({
        statusCode: 401,
        message: 'Unauthorized',
        error: 'Unauthorized',
      });
      expect(refused.socket.connected).toBe(false);
    }
  });

  it('lets a widget subscribe and receive the bot reply and its delivered status', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: true });
    const { token, externalUserId } = await widgetSession(bot.publicKey);
    const gw = client({ auth: { token } });
    await gw.connected;
    const sent = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'Hi, what are your opening hours?' },
    });
    expect(sent.status).toBe(202);
    const conversationId = sent.body.data.conversation.id;
    const ack = await gw.socket.emitWithAck('subscribe', { conversationId });
    expect(ack).toEqual({ event: 'subscribed', data: { conversationId } });
    await gw.next('subscribed', (r) => r.data.conversationId === conversationId);
    // The bot answers once the widget follows the conversation: a reply pushed before the
    // subscription is not replayed on the socket (the widget reads the history on 'subscribed').
    const worker = await runWorker();
    try {
      const reply = await gw.next('message', (r) => r.data.role === 'ASSISTANT');
      expect(reply.data).toMatchObject({ conversationId, content: expect.any(String) });
      expect(reply.data.id).toEqual(expect.any(String));
      await gw.next(
        'message:status',
        (r) => r.data.messageId === reply.data.id && r.data.status === 'DELIVERED',
      );
    } finally {
      await worker.stop();
    }
  });

  it("keeps a widget out of another visitor's conversation", async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const other = await api(srv.url, 'POST', '/messages/send', {
      token: await tokenFor(admin),
      body: { chatbotId: bot.id, externalUserId: visitor(), content: 'someone else' },
    });
    const otherId = other.body.data.conversation.id;
    // Straight to a WebSocket (no long-polling first): the upgrade is engine.io's.
    const gw = client({
      query: { token: (await widgetSession(bot.publicKey)).token },
      transports: ['websocket'],
    });
    await gw.connected;
    const ack = await gw.socket.emitWithAck('subscribe', { conversationId: otherId });
    expect(ack).toEqual({
      event: 'error',
      data: { event: 'subscribe', message: 'Conversation not found' },
    });
    await gw.next('error');
    // Nothing of that conversation reaches it: an agent following it sees the next message,
    // the widget does not.
    const agent = client({ auth: { token: await tokenFor(admin) } });
    await agent.connected;
    await agent.socket.emitWithAck('subscribe', { conversationId: otherId });
    const agentReply = await api(srv.url, 'POST', `/api/conversations/${otherId}/messages`, {
      token: await tokenFor(admin),
      body: { type: 'text', content: { text: 'For the other visitor' } },
    });
    expect(agentReply.status).toBe(201);
    await agent.next('message', (r) => r.data.id === agentReply.body.id);
    expect(gw.received.filter((r) => r.event === 'message')).toEqual([]);
    expect(gw.received.filter((r) => r.event === 'subscribed')).toEqual([]);
  });

  it("ends with the agent's login: an error with the reason, then a disconnect", async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const login = await api(srv.url, 'POST', '/auth/login', {
      body: { email: agent.email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const gw = client({ auth: { token: login.body.accessToken } });
    await gw.connected;
    const disconnected = new Promise<string>((resolve) => gw.socket.once('disconnect', resolve));
    await api(srv.url, 'POST', '/auth/logout', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(await disconnected).toBe('io server disconnect');
    expect(gw.received).toContainEqual({ event: 'error', data: { message: 'Session ended' } });
    await eventually(async () => srv.sockets.counts().messages === 0);
  });
});

// Last in the file: it closes this file's socket servers.
describe('/messages for socket.io clients on shutdown', () => {
  it('closes the connections underneath, so clients reconnect by themselves', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const token = (await widgetSession(bot.publicKey)).token;
    const socket = io(`${srv.url}/messages`, { auth: { token }, forceNew: true });
    open.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(srv.sockets.counts().messages).toBe(1);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await srv.sockets.close();

    // Not `io server disconnect`, after which socket.io-client would stay away.
    expect(await disconnected).toBe('transport close');
    expect(socket.active).toBe(true);
    expect(srv.sockets.counts().messages).toBe(0);
  });
});
