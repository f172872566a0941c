import type { IncomingMessage } from 'node:http';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { tags } from '../server/db/schema';
import { logger } from '../server/logger';
import { clientIpResolver, trustProxySetting } from '../server/request/client-ip';
import { PASSWORD } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { captureLogLines } from './helpers/logs';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
const logLines = captureLogLines();

const SECRET = 'Olá, meu CPF é 123.456.789-00';

/** The error a failed statement throws, logged the way every surface logs it. */
async function loggedFailure(run: () => Promise<unknown>) {
  const err = await run().then(
    () => expect.fail('the statement should fail'),
    (e: unknown) => e,
  );
  const before = logLines.length;
  logger.error({ err }, 'unhandled error');
  return { err, line: logLines.slice(before).join('\n') };
}

describe('database error log lines carry no query values (server/logger.ts)', () => {
  it('logs drizzle’s failed query without its parameters, in the message, the stack or a field', async () => {
    const { workspace } = await makeWorkspace();
    const { err, line } = await loggedFailure(() =>
      db.insert(tags).values({ workspaceId: workspace.id, name: `${SECRET} ${'x'.repeat(100)}` }),
    );
    // The error itself is unchanged for the code that handles it.
    expect(String((err as Error).message)).toContain(SECRET);
    expect(line).not.toContain('123.456.789');
    expect(line).toContain('Failed query: insert into \\"tags\\"');
    expect(line).toContain('"code":"22001"');
    expect(JSON.parse(line).err.params).toBeUndefined();
  });

  it('drops PostgreSQL’s detail (the key’s values) and a json error’s context (the text)', async () => {
    const { workspace } = await makeWorkspace();
    await db.insert(tags).values({ workspaceId: workspace.id, name: SECRET });
    const duplicate = await loggedFailure(() =>
      db.insert(tags).values({ workspaceId: workspace.id, name: SECRET }),
    );
    expect(duplicate.line).not.toContain('123.456.789');
    expect(duplicate.line).toContain('"code":"23505"');
    const json = await loggedFailure(() =>
      db.execute(sql`select ${`{"text": "${SECRET} \\ud800"}`}::jsonb`),
    );
    expect(json.line).toMatch(/"code":"22P0[25]"/);
    expect(json.line).not.toContain('123.456.789');
  });
});

describe('the client address and X-Forwarded-For (server/request/client-ip.ts)', () => {
  const request = (peer: string, forwarded?: string) =>
    ({
      socket: { remoteAddress: peer },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    }) as unknown as IncomingMessage;

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');

    const untrusted = clientIpResolver(false);
    expect(untrusted(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    const loopback = clientIpResolver('loopback');
    expect(loopback(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // A client's own X-Forwarded-For entries to the left of the untrusted hop are ignored.
    expect(loopback(request('127.0.0.1', '6.6.6.6, 198.51.100.7, 127.0.0.1'))).toBe('198.51.100.7');
    expect(loopback(request('198.51.100.7', '6.6.6.6'))).toBe('198.51.100.7');
    const cidr = clientIpResolver('10.0.0.0/8');
    expect(cidr(request('10.1.2.3', '203.0.113.9, 10.9.9.9'))).toBe('203.0.113.9');
    const oneHop = clientIpResolver(1);
    expect(oneHop(request('192.0.2.1', '6.6.6.6, 203.0.113.9'))).toBe('203.0.113.9');
  });

  it('keeps the login throttle on the peer when TRUST_PROXY is unset, whatever X-Forwarded-For says', async () => {
    const { admin } = await makeWorkspace();
    const attempt = (i: number, password: string) =>
      api(srv.url, 'POST', '/auth/login', {
        body: { email: admin.email, password },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
    for (let i = 1; i <= 5; i++) expect((await attempt(i, 'wrong password!')).status).toBe(401);
    const sixth = await attempt(6, PASSWORD);
    expect(sixth.status).toBe(429);
  });
});
