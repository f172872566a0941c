import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { IdentityCache } from '../server/auth/identity-cache';
import { verifyAccessToken } from '../server/auth/tokens';
import { config } from '../server/config';
import { db, sql } from '../server/db/client';
import { chatbots, users } from '../server/db/schema';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();

// Well under the cache's TTL (5 s): these pass only if the change evicts the entry.
const EVICTION_DEADLINE_MS = 1_500;

describe('the identity cache', () => {
  it('loads once, reloads after an eviction, and never stores a read that raced one', async () => {
    const cache = new IdentityCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1); // not listening yet: no caching
    expect(await cache.get('k', load)).toBe(2);

    await cache.start(sql);
    try {
      expect(await cache.get('k', load)).toBe(3);
      expect(await cache.get('k', load)).toBe(3);
      cache.evict('k');
      expect(await cache.get('k', load)).toBe(4);

      const racing = cache.get('r', async () => {
        cache.evict('other');
        return 'stale';
      });
      expect(await racing).toBe('stale');
      expect(await cache.get('r', async () => 'fresh')).toBe('fresh');

      // A notification on the channel (as the triggers send on commit) evicts.
      await sql`select pg_notify('auth_invalidate', 'k')`;
      await eventually(async () => (await cache.get('k', load)) === 5, EVICTION_DEADLINE_MS);
    } finally {
      await cache.stop();
    }
  });
});

describe('verified tokens', () => {
  it('re-checks expiry on every use of a token verified before', async () => {
    const { admin } = await makeWorkspace();
    const token = await tokenFor(admin);
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ userId: admin.id });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + (config.ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
      await expect(verifyAccessToken(token)).rejects.toThrow('Token expired');
    } finally {
      vi.useRealTimers();
    }
    // A token with one signature byte changed is refused, cached twin or not.
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`;
    await expect(verifyAccessToken(tampered)).rejects.toThrow('Invalid token');
  });
});

describe('authentication with the cache warm', () => {
  it('refuses a demoted admin at once, whoever changed the role', async () => {
    const { admin } = await makeWorkspace();
    const agent = await makeUser(admin.workspaceId);
    const token = await tokenFor(admin);
    const patch = () =>
      api(srv.url, 'PATCH', `/users/${agent.id}`, { token, body: { capacity: 3 } });
    expect((await patch()).status).toBe(200);
    expect((await patch()).status).toBe(200);

    // Another process (or psql) demotes the admin.
    await db.update(users).set({ role: 'agent' }).where(eq(users.id, admin.id));
    await eventually(async () => (await patch()).status === 403, EVICTION_DEADLINE_MS);
  });

  it('refuses a demoted admin on the very next request when this process demoted them', async () => {
    const { admin } = await makeWorkspace();
    const other = await makeUser(admin.workspaceId, { role: 'admin' });
    const token = await tokenFor(other);
    const patchSelf = () =>
      api(srv.url, 'PATCH', `/users/${admin.id}`, { token, body: { capacity: 2 } });
    expect((await patchSelf()).status).toBe(200);
    const demoted = await api(srv.url, 'PATCH', `/users/${other.id}`, {
      token: await tokenFor(admin),
      body: { role: 'agent' },
    });
    expect(demoted.status).toBe(200);
    expect((await patchSelf()).status).toBe(403);
  });

  it('refuses a deleted user at once', async () => {
    const { workspace } = await makeWorkspace();
    const user = await makeUser(workspace.id);
    const token = await tokenFor(user);
    expect((await api(srv.url, 'GET', '/auth/me', { token })).status).toBe(200);
    await db.delete(users).where(eq(users.id, user.id));
    await eventually(
      async () => (await api(srv.url, 'GET', '/auth/me', { token })).status === 401,
      EVICTION_DEADLINE_MS,
    );
  });

  it('refuses a widget token once its chatbot is deleted', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const session = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey },
    });
    expect(session.status).toBe(201);
    const { token, externalUserId } = session.body;
    const send = () =>
      api(srv.url, 'POST', '/messages/send', {
        token,
        body: { chatbotId: bot.id, externalUserId, content: 'hello' },
      });
    expect((await send()).status).toBe(202);
    await db.delete(chatbots).where(eq(chatbots.uuid, bot.id));
    await eventually(async () => (await send()).status === 401, EVICTION_DEADLINE_MS);
  });

  it('answers /auth/me from the database, not the cache', async () => {
    const { workspace } = await makeWorkspace();
    const user = await makeUser(workspace.id);
    const token = await tokenFor(user);
    expect((await api(srv.url, 'GET', '/auth/me', { token })).body.availability).toBe('offline');
    await db.update(users).set({ availability: 'online' }).where(eq(users.id, user.id));
    expect((await api(srv.url, 'GET', '/auth/me', { token })).body.availability).toBe('online');
  });
});
