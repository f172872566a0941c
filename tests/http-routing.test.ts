import { describe, expect, it } from 'vitest';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();
const logLines = captureLogLines();

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}${path}`, { headers: { accept: 'application/json', ...headers } });

describe('routing (server/contracts/common/scoped-router.ts)', () => {
  it('reaches each router under its prefixes, in any case and with a trailing slash', async () => {
    const { admin } = await makeWorkspace();
    const auth = { authorization: `Bearer ${await tokenFor(admin)}` };
    // Each router is scoped to its prefixes; these are the first, middle and last of the app.
    for (const path of [
      '/auth/me',
      '/AUTH/ME',
      '/users/',
      '/Chatbots',
      '/api/conversations',
      '/API/Conversations/',
      '/conversations?limit=1',
      '/tags',
      '/Contact-User-Accounts',
    ]) {
      expect({ path, status: (await get(path, auth)).status }).toEqual({ path, status: 200 });
    }
    // Without a token the scoped router's own guard answers, not the 404 behind every router.
    expect((await get('/API/CONVERSATIONS')).status).toBe(401);
  });

  it('answers 404 for a path that only starts with a prefix’s letters', async () => {
    // Without a token: a router that took these paths in would answer its guard's 401.
    for (const path of ['/api/conversationsX', '/usersfoo', '/tagsandmore']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404, message: `Cannot GET ${path}` });
    }
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await get('/healthz', { 'x-request-id': 'trace-42.a_b' });
    expect(given.headers.get('x-request-id')).toBe('trace-42.a_b');
    const insane = await get('/healthz', { 'x-request-id': 'no spaces <allowed>' });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each request once with its id, original path and status, and not /healthz', async () => {
    await get('/trpc/auth.me', { 'x-request-id': 'log-trpc' });
    await get('/API/Conversations?limit=1', { 'x-request-id': 'log-rest' });
    await get('/healthz', { 'x-request-id': 'log-health' });
    const requests = () => logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    const byId = (id: string) => requests().filter((l) => l.requestId === id);
    // Under tRPC's mount express strips `/trpc` from req.path; the line keeps the full path.
    expect(await eventually(async () => byId('log-trpc').length > 0 && byId('log-trpc'))).toEqual([
      expect.objectContaining({ method: 'GET', path: '/trpc/auth.me', status: 401 }),
    ]);
    expect(await eventually(async () => byId('log-rest').length > 0 && byId('log-rest'))).toEqual([
      expect.objectContaining({ method: 'GET', path: '/API/Conversations', status: 401 }),
    ]);
    expect(byId('log-health')).toEqual([]);
  });
});
