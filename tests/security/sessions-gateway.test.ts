import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { config } from '../../server/config';
import { db } from '../../server/db/client';
import { chatbots, users } from '../../server/db/schema';
import { SESSION_ENDED } from '../../server/realtime/socket-sessions';
import { makeChatbot } from '../factories/chatbot';
import { makeUser, PASSWORD } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { openConversation } from '../helpers/inbox';
import { api, serverForThisFile } from '../helpers/server';
import { eventually } from '../helpers/worker';

/**
 * The /messages gateway's sockets end with what opened them: an agent's user or login, a
 * widget's token or chatbot. Until the close lands, an ended socket gets no frames.
 */
const srv = serverForThisFile();

const widgetTtl = config.WIDGET_TOKEN_TTL_SECONDS;
afterEach(() => {
  config.WIDGET_TOKEN_TTL_SECONDS = widgetTtl;
});

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

async function gateway(token: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const subscribe = async (conversationId: string) => {
    ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
    await eventually(async () => frames.some((f) => f.event === 'subscribed'));
  };
  return { ws, frames, closed, subscribe };
}

async function login(email: string) {
  const res = await api(srv.url, 'POST', '/auth/login', { body: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}

describe("an agent's /messages socket", () => {
  it('closes when the agent is deleted, and gets no frames after', async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const c = await openConversation(srv.url, admin, bot.id);
    const agent = await makeUser(workspace.id);
    const socket = await gateway((await login(agent.email)).accessToken);
    await socket.subscribe(c.uuid);

    await db.delete(users).where(eq(users.id, agent.id));
    expect(await socket.closed).toEqual({ code: SESSION_ENDED, reason: 'Invalid token' });

    const before = socket.frames.length;
    const reply = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: (await login(admin.email)).accessToken,
      body: { type: 'text', content: { text: 'after the deletion' } },
    });
    expect(reply.status).toBe(201);
    expect(socket.frames.length).toBe(before);
  });

  it('closes on logout of its login', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const session = await login(agent.email);
    const socket = await gateway(session.accessToken);
    await api(srv.url, 'POST', '/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(await socket.closed).toEqual({ code: SESSION_ENDED, reason: 'Session ended' });
  });
});

describe("a widget's /messages socket", () => {
  async function widgetToken(publicKey: string) {
    const res = await api(srv.url, 'POST', '/widget/session', { body: { publicKey } });
    expect(res.status).toBe(201);
    return res.body.token as string;
  }

  it('closes when its widget token expires', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    config.WIDGET_TOKEN_TTL_SECONDS = 2;
    const token = await widgetToken(bot.publicKey);
    config.WIDGET_TOKEN_TTL_SECONDS = widgetTtl;
    const socket = await gateway(token);
    expect(await socket.closed).toEqual({ code: SESSION_ENDED, reason: 'Token expired' });
  });

  it('closes when its chatbot is deleted', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const socket = await gateway(await widgetToken(bot.publicKey));
    await db.delete(chatbots).where(eq(chatbots.uuid, bot.id));
    expect((await socket.closed).code).toBe(SESSION_ENDED);
  });
});
