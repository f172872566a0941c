import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../../server/config';
import { db } from '../../server/db/client';
import { conversations, users } from '../../server/db/schema';
import { SESSION_ENDED } from '../../server/realtime/socket-sessions';
import type { ClientEvent } from '../../server/trpc/presenters/event';
import { makeChatbot } from '../factories/chatbot';
import { makeUser, PASSWORD } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { openConsoleSocket } from '../helpers/console-socket';
import { openConversation, sendAsCustomer, visitor } from '../helpers/inbox';
import { api, serverForThisFile } from '../helpers/server';
import { eventually } from '../helpers/worker';

/**
 * An open console socket (/trpc) holds no rights of its own: it follows its login. A role
 * change counts from the next call and ends streams the user may no longer see; a deleted
 * user, a logout, a password change, an expired token or no token at all close it.
 */
const srv = serverForThisFile();

const defaults = {
  ttl: config.ACCESS_TOKEN_TTL_SECONDS,
  grace: config.WS_AUTH_GRACE_MS,
};
afterEach(() => {
  config.ACCESS_TOKEN_TTL_SECONDS = defaults.ttl;
  config.WS_AUTH_GRACE_MS = defaults.grace;
});

async function login(email: string, password = PASSWORD) {
  const res = await api(srv.url, 'POST', '/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}

/** A login whose access token lives `seconds` (the configured minimum is far longer). */
async function shortLogin(email: string, seconds: number) {
  config.ACCESS_TOKEN_TTL_SECONDS = seconds;
  try {
    return await login(email);
  } finally {
    config.ACCESS_TOKEN_TTL_SECONDS = defaults.ttl;
  }
}

const expOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp;

async function untilPast(epochSeconds: number) {
  const wait = epochSeconds * 1000 - Date.now() + 300;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

describe('a role change over an open socket', () => {
  it("drops a demoted supervisor's rights at once and ends the stream of a colleague's conversation", async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminToken = (await login(admin.email)).accessToken;
    const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
    const colleague = await makeUser(workspace.id);
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const c = await openConversation(srv.url, admin, bot.id);
    await db
      .update(conversations)
      .set({ assignedUserId: colleague.id })
      .where(eq(conversations.id, c.id));

    const socket = await openConsoleSocket(srv.url, (await login(supervisor.email)).accessToken);
    expect((await socket.call('query', 'assignment.policy')).ok).toBe(true);
    const stream = await socket.subscribe('realtime.conversation', { conversationId: c.uuid });
    expect(stream.started).toBe(true);

    const demoted = await api(srv.url, 'PATCH', `/users/${supervisor.id}`, {
      token: adminToken,
      body: { role: 'agent' },
    });
    expect(demoted.status).toBe(200);

    expect(await stream.ended()).toBe('FORBIDDEN');
    const policy = await socket.call('query', 'assignment.policy');
    expect(policy).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The login itself is fine: the socket stays, with an agent's rights.
    expect((await socket.call('query', 'auth.me')).ok).toBe(true);
    expect(socket.isOpen()).toBe(true);
    await socket.close();
  });
});

describe('an open inbox stream after a demotion', () => {
  it("stops showing a colleague's conversation and goes on with the rest", async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminToken = (await login(admin.email)).accessToken;
    const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
    const colleague = await makeUser(workspace.id);
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const theirs = await openConversation(srv.url, admin, bot.id);
    await db
      .update(conversations)
      .set({ assignedUserId: colleague.id })
      .where(eq(conversations.id, theirs.id));
    const socket = await openConsoleSocket(srv.url, (await login(supervisor.email)).accessToken);
    const inbox = await socket.subscribe('realtime.inbox');
    const texts = () =>
      inbox
        .data()
        .map(
          (f) =>
            (f.result?.data as { data?: ClientEvent } | undefined)?.data?.message?.content.text,
        );
    // Customer messages: an operator's reply would assign the conversation to its author.
    const say = (externalUserId: string, content: string) =>
      sendAsCustomer(srv.url, admin, { chatbotId: bot.id, externalUserId, content });
    await say(theirs.externalUserId!, 'seen by a supervisor');
    await eventually(async () => texts().includes('seen by a supervisor'));

    await api(srv.url, 'PATCH', `/users/${supervisor.id}`, {
      token: adminToken,
      body: { role: 'agent' },
    });
    await eventually(async () => (await socket.call('query', 'assignment.policy')).ok === false);
    await say(theirs.externalUserId!, 'for the colleague only');
    await say(visitor(), 'unassigned, for everyone');
    await eventually(async () => texts().includes('unassigned, for everyone'));
    expect(texts()).not.toContain('for the colleague only');
    await socket.close();
  });
});

describe('a socket whose login ends', () => {
  it("closes when its user is deleted, ending the user's streams", async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const socket = await openConsoleSocket(srv.url, (await login(agent.email)).accessToken);
    const inbox = await socket.subscribe('realtime.inbox');
    expect(inbox.started).toBe(true);

    await db.delete(users).where(eq(users.id, agent.id));

    expect(await socket.closed).toEqual({ code: SESSION_ENDED, reason: 'Invalid token' });
    expect(await inbox.ended()).toBe('closed');
  });

  it('closes on logout, and only the sockets of that login', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const ending = await login(agent.email);
    const staying = await login(agent.email);
    const endingSocket = await openConsoleSocket(srv.url, ending.accessToken);
    const stayingSocket = await openConsoleSocket(srv.url, staying.accessToken);
    expect((await endingSocket.call('query', 'auth.me')).ok).toBe(true);
    expect((await stayingSocket.call('query', 'auth.me')).ok).toBe(true);

    await api(srv.url, 'POST', '/auth/logout', { body: { refreshToken: ending.refreshToken } });

    expect(await endingSocket.closed).toEqual({ code: SESSION_ENDED, reason: 'Session ended' });
    expect((await stayingSocket.call('query', 'auth.me')).ok).toBe(true);
    await stayingSocket.close();
  });

  it("closes every socket of the user when an admin resets the user's password", async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminSocket = await openConsoleSocket(srv.url, (await login(admin.email)).accessToken);
    const agent = await makeUser(workspace.id);
    const sockets = [
      await openConsoleSocket(srv.url, (await login(agent.email)).accessToken),
      await openConsoleSocket(srv.url, (await login(agent.email)).accessToken),
    ];
    for (const s of sockets) expect((await s.call('query', 'auth.me')).ok).toBe(true);

    const reset = await adminSocket.call('mutation', 'users.update', {
      id: agent.id,
      patch: { password: 'a brand new password' },
    });
    expect(reset.ok).toBe(true);

    for (const s of sockets) expect((await s.closed).code).toBe(SESSION_ENDED);
    expect(adminSocket.isOpen()).toBe(true);
    await adminSocket.close();
  });
});

describe('token expiry on a socket', () => {
  it('closes the socket when its token expires', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const { accessToken } = await shortLogin(agent.email, 2);
    const socket = await openConsoleSocket(srv.url, accessToken);
    expect((await socket.call('query', 'auth.me')).ok).toBe(true);

    expect(await socket.closed).toEqual({ code: SESSION_ENDED, reason: 'Token expired' });
  });

  it('keeps a socket whose client handed it a fresh token of the same user, and only that', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const other = await makeUser(workspace.id);
    const short = await shortLogin(agent.email, 2);
    const socket = await openConsoleSocket(srv.url, short.accessToken);
    expect((await socket.call('query', 'auth.me')).ok).toBe(true);

    const someoneElse = await socket.call('mutation', 'auth.socketToken', {
      token: (await login(other.email)).accessToken,
    });
    expect(someoneElse).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const garbage = await socket.call('mutation', 'auth.socketToken', { token: 'not.a.token' });
    expect(garbage).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });

    const renewed = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: short.refreshToken },
    });
    const swapped = await socket.call('mutation', 'auth.socketToken', {
      token: renewed.body.accessToken,
    });
    expect(swapped).toMatchObject({ ok: true, data: { userId: agent.id } });

    await untilPast(expOf(short.accessToken));
    const me = await socket.call('query', 'auth.me');
    expect(me).toMatchObject({ ok: true, data: { id: agent.id } });
    expect(socket.isOpen()).toBe(true);
    await socket.close();
  });

  it('answers auth.socketToken over HTTP with 400', async () => {
    const { admin } = await makeWorkspace();
    const { accessToken } = await login(admin.email);
    const res = await api(srv.url, 'POST', '/trpc/auth.socketToken', {
      token: accessToken,
      body: { token: accessToken },
    });
    expect(res.status).toBe(400);
  });
});

describe('an unauthenticated socket', () => {
  it('is closed after the grace period, with no token or a refused one', async () => {
    config.WS_AUTH_GRACE_MS = 300;
    const anonymous = await openConsoleSocket(srv.url);
    const refused = await openConsoleSocket(srv.url, 'not.a.token');
    expect(await anonymous.closed).toEqual({
      code: SESSION_ENDED,
      reason: 'Authentication required',
    });
    expect(await refused.closed).toEqual({ code: SESSION_ENDED, reason: 'Invalid token' });
  });

  it('stays open once it authenticates over the socket within the grace period', async () => {
    const { admin } = await makeWorkspace();
    config.WS_AUTH_GRACE_MS = 500;
    const socket = await openConsoleSocket(srv.url);
    expect(await socket.call('query', 'auth.me')).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    const { accessToken } = await login(admin.email);
    expect((await socket.call('mutation', 'auth.socketToken', { token: accessToken })).ok).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 700));
    expect((await socket.call('query', 'auth.me')).ok).toBe(true);
    await socket.close();
  });
});
