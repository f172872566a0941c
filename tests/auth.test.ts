import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { config } from '../server/config';
import type { AppRouter } from '../server/trpc/root';
import { makeUser, PASSWORD } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const trpcAs = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${srv.url}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

const registration = (suffix: string) => ({
  workspaceName: `Acme ${suffix}`,
  name: 'Alice Admin',
  email: `alice-${suffix}@acme.test`,
  password: 'a long enough password',
});

describe('REST auth', () => {
  it('registers, logs in, refreshes and answers /auth/me', async () => {
    const reg = registration('rest');
    const created = await api(srv.url, 'POST', '/auth/register', { body: reg });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: reg.email, role: 'admin', name: reg.name });
    expect(created.body.user).not.toHaveProperty('passwordHash');

    const login = await api(srv.url, 'POST', '/auth/login', {
      body: { email: reg.email.toUpperCase(), password: reg.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.accessToken).toMatch(/^ey/);

    const me = await api(srv.url, 'GET', '/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: reg.email, workspaceId: created.body.user.workspaceId });

    const refreshed = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
    const me2 = await api(srv.url, 'GET', '/auth/me', { token: refreshed.body.accessToken });
    expect(me2.body.id).toBe(me.body.id);
  });

  it('refuses a reused refresh token and revokes its whole family', async () => {
    const reg = registration('reuse');
    const first = (await api(srv.url, 'POST', '/auth/register', { body: reg })).body;
    const second = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    const replay = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({
      statusCode: 401,
      message: 'Invalid refresh token',
      error: 'Unauthorized',
    });
    // The legitimate successor is revoked too: the family is burnt.
    const successor = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(successor.status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = (await api(srv.url, 'POST', '/auth/register', { body: registration('out') }))
      .body;
    const out = await api(srv.url, 'POST', '/auth/logout', {
      body: { refreshToken: session.refreshToken },
    });
    expect(out.status).toBe(200);
    const again = await api(srv.url, 'POST', '/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(again.status).toBe(401);
  });

  it('answers a wrong password with 401 and throttles after five failures', async () => {
    const { workspace } = await makeWorkspace();
    const user = await makeUser(workspace.id, { email: 'throttle@acme.test' });
    const wrong = { email: user.email, password: 'not the password' };
    for (let i = 0; i < config.LOGIN_MAX_FAILURES; i++) {
      const res = await api(srv.url, 'POST', '/auth/login', { body: wrong });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Invalid email or password');
    }
    const blocked = await api(srv.url, 'POST', '/auth/login', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('Too Many Requests');
    // Another email from the same IP is not affected.
    const other = await makeUser(workspace.id);
    const ok = await api(srv.url, 'POST', '/auth/login', {
      body: { email: other.email, password: PASSWORD },
    });
    expect(ok.status).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const res = await api(srv.url, 'POST', '/auth/login', {
      body: { email: 'nobody@acme.test', password: 'whatever it is' },
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Invalid email or password');
  });

  it('rejects an invalid registration with validation messages', async () => {
    const res = await api(srv.url, 'POST', '/auth/register', {
      body: { workspaceName: '', email: 'not-an-email', password: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'workspaceName should not be empty',
        'name should not be empty',
        'email must be a valid email',
      ]),
    );
  });

  it('refuses a second account with the same email', async () => {
    const reg = registration('dup');
    expect((await api(srv.url, 'POST', '/auth/register', { body: reg })).status).toBe(201);
    const dup = await api(srv.url, 'POST', '/auth/register', {
      body: { ...reg, email: reg.email.toUpperCase() },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('Email already exists');
  });

  it('honours ALLOW_SIGNUP=false', async () => {
    config.ALLOW_SIGNUP = false;
    try {
      const res = await api(srv.url, 'POST', '/auth/register', { body: registration('closed') });
      expect(res.status).toBe(403);
      expect(await trpcAs().auth.config.query()).toEqual({ allowSignup: false });
    } finally {
      config.ALLOW_SIGNUP = true;
    }
  });
});

describe('tRPC auth', () => {
  it('registers, logs in, refreshes and answers auth.me', async () => {
    const reg = registration('trpc');
    const created = await trpcAs().auth.register.mutate(reg);
    const login = await trpcAs().auth.login.mutate({ email: reg.email, password: reg.password });
    const me = await trpcAs(login.accessToken).auth.me.query();
    expect(me).toMatchObject({ id: created.user.id, role: 'admin' });
    const refreshed = await trpcAs().auth.refresh.mutate({ refreshToken: login.refreshToken });
    expect((await trpcAs(refreshed.accessToken).auth.me.query()).id).toBe(created.user.id);
  });

  it('maps a wrong password to UNAUTHORIZED', async () => {
    const { admin } = await makeWorkspace();
    const err = await trpcAs()
      .auth.login.mutate({ email: admin.email, password: 'wrong password' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(err.data.code).toBe('UNAUTHORIZED');
    expect(err.data.httpStatus).toBe(401);
  });
});

describe('bad tokens', () => {
  const secret = () => config.jwtSecret;
  const claims = (workspaceId: number) => ({
    wid: workspaceId,
    role: 'admin',
    use: 'access',
  });
  const base = (userId: number, workspaceId: number) =>
    new SignJWT(claims(workspaceId))
      .setSubject(String(userId))
      .setIssuer(config.JWT_ISSUER)
      .setAudience(config.JWT_AUDIENCE);

  async function badTokens() {
    const { admin } = await makeWorkspace();
    const now = Math.floor(Date.now() / 1000);
    const header = (alg: string) =>
      Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        ...claims(admin.workspaceId),
        sub: String(admin.id),
        iss: config.JWT_ISSUER,
        aud: config.JWT_AUDIENCE,
        iat: now,
        exp: now + 600,
      }),
    ).toString('base64url');
    return {
      valid: await tokenFor(admin),
      expired: await base(admin.id, admin.workspaceId)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(now - 1200)
        .setExpirationTime(now - 300)
        .sign(secret()),
      otherKey: await base(admin.id, admin.workspaceId)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('another-secret-another-secret-another-secret')),
      algNone: `${header('none')}.${payload}.`,
      noExp: await base(admin.id, admin.workspaceId)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .sign(secret()),
      wrongAudience: await base(admin.id, admin.workspaceId)
        .setAudience('someone-else')
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(secret()),
      tooLong: await base(admin.id, admin.workspaceId)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(now - 3600)
        .setExpirationTime(now + 3600)
        .sign(secret()),
      garbage: 'not.a.token',
    };
  }

  it('accepts a valid token and refuses every bad one over REST and tRPC', async () => {
    const { valid, ...bad } = await badTokens();
    expect((await api(srv.url, 'GET', '/auth/me', { token: valid })).status).toBe(200);
    for (const [kind, token] of Object.entries(bad)) {
      const rest = await api(srv.url, 'GET', '/auth/me', { token });
      expect(rest.status, kind).toBe(401);
      expect(rest.body.statusCode, kind).toBe(401);
      const err = await trpcAs(token)
        .auth.me.query()
        .catch((e) => e);
      expect(err.data?.code, kind).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a token whose user was deleted', async () => {
    const { workspace } = await makeWorkspace();
    const user = await makeUser(workspace.id);
    const token = await tokenFor(user);
    const { db } = await import('../server/db/client');
    const { users } = await import('../server/db/schema');
    const { eq } = await import('drizzle-orm');
    await db.delete(users).where(eq(users.id, user.id));
    expect((await api(srv.url, 'GET', '/auth/me', { token })).status).toBe(401);
  });

  it('answers a missing token with 401', async () => {
    expect((await api(srv.url, 'GET', '/auth/me')).status).toBe(401);
    const err = await trpcAs()
      .auth.me.query()
      .catch((e) => e);
    expect(err.data.code).toBe('UNAUTHORIZED');
  });
});
