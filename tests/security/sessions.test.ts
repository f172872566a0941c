import { createTRPCClient, httpLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { refreshTokens } from '../../server/db/schema';
import type { AppRouter } from '../../server/trpc/root';
import { makeUser, PASSWORD } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { api, serverForThisFile } from '../helpers/server';
import { eventually } from '../helpers/worker';

/**
 * Sessions over HTTP: a login ends when it is logged out, when its refresh token is reused, when
 * the user's password changes, or when its tokens are revoked by any other means, and its access
 * token stops working at once (not when it expires 15 minutes later).
 */
const srv = serverForThisFile();

// Well under the identity cache's TTL (5 s): a revocation must evict, not wait it out.
const EVICTION_DEADLINE_MS = 1_500;

async function login(email: string, password = PASSWORD) {
  const res = await api(srv.url, 'POST', '/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}

const me = (token: string) => api(srv.url, 'GET', '/auth/me', { token });

const trpcMe = (token: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${srv.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  })
    .auth.me.query()
    .then(
      () => 'ok',
      (err: { data?: { code?: string } }) => err.data?.code,
    );

describe('logout', () => {
  it("refuses the login's access token at once, over REST and tRPC, and leaves other logins be", async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const ending = await login(agent.email);
    const other = await login(agent.email);
    // Warm every cache on the way (verified token, user, session).
    expect((await me(ending.accessToken)).status).toBe(200);
    expect(await trpcMe(ending.accessToken)).toBe('ok');

    const out = await api(srv.url, 'POST', '/auth/logout', {
      body: { refreshToken: ending.refreshToken },
    });
    expect(out.status).toBe(200);

    const refused = await me(ending.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Session ended');
    expect(await trpcMe(ending.accessToken)).toBe('UNAUTHORIZED');
    const refresh = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: ending.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('ends the access tokens of a login whose refresh token was reused', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const first = await login(agent.email);
    const rotated = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect((await me(rotated.body.accessToken)).status).toBe(200);
    // The spent token again: someone else holds a copy, so the whole login ends.
    await api(srv.url, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect((await me(rotated.body.accessToken)).status).toBe(401);
  });

  it('takes effect at once when the tokens are revoked by another process or by hand', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const session = await login(agent.email);
    expect((await me(session.accessToken)).status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(200);

    await db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(eq(refreshTokens.userId, agent.id));
    await eventually(
      async () => (await me(session.accessToken)).status === 401,
      EVICTION_DEADLINE_MS,
    );
  });
});

describe('a password change', () => {
  it('ends every login of the user: refresh and access tokens', async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminSession = await login(admin.email);
    const agent = await makeUser(workspace.id);
    const laptop = await login(agent.email);
    const phone = await login(agent.email);
    expect((await me(laptop.accessToken)).status).toBe(200);
    expect((await me(phone.accessToken)).status).toBe(200);

    const reset = await api(srv.url, 'PATCH', `/users/${agent.id}`, {
      token: adminSession.accessToken,
      body: { password: 'a brand new password' },
    });
    expect(reset.status).toBe(200);

    for (const old of [laptop, phone]) {
      expect((await me(old.accessToken)).status).toBe(401);
      const refresh = await api(srv.url, 'POST', '/auth/refresh', {
        body: { refreshToken: old.refreshToken },
      });
      expect(refresh.status).toBe(401);
    }
    // The new password opens a new login; the admin's own login is untouched.
    const fresh = await login(agent.email, 'a brand new password');
    expect((await me(fresh.accessToken)).status).toBe(200);
    expect((await me(adminSession.accessToken)).status).toBe(200);
  });

  it('leaves logins alone when the patch changes no password', async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminSession = await login(admin.email);
    const agent = await makeUser(workspace.id);
    const session = await login(agent.email);
    const patch = await api(srv.url, 'PATCH', `/users/${agent.id}`, {
      token: adminSession.accessToken,
      body: { name: 'Renamed' },
    });
    expect(patch.status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(200);
  });
});
