import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { tags } from '../server/db/schema';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
const logLines = captureLogLines();

async function trpc(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: BodyInit; input?: unknown; token?: string; headers?: Record<string, string> },
) {
  const query =
    options.input === undefined
      ? ''
      : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
  const res = await fetch(`${srv.url}/trpc/${path}${query}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body,
    duplex: 'half',
  } as RequestInit);
  const body = await res.json();
  return { status: res.status, code: body.error?.data?.code, message: body.error?.message };
}

const errorsLogged = () => logLines.filter((l) => /"level":50/.test(l));

describe('tRPC over HTTP reads bodies as every route does (server/request/body.ts)', () => {
  it('answers PAYLOAD_TOO_LARGE (413) past the limit without a token, by Content-Length or counted', async () => {
    const big = JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(2_000_000) });
    const told = await trpc('POST', 'auth.login', { body: big });
    expect(told).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large',
    });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(512 * 1024).fill(0x20));
        controller.close();
      },
    });
    expect((await trpc('POST', 'auth.login', { body: stream })).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a Content-Encoding or another charset 415, and bytes that are not UTF-8 400', async () => {
    const body = JSON.stringify({ email: 'a@example.test', password: 'whatever it is' });
    expect(
      await trpc('POST', 'auth.login', { body, headers: { 'content-encoding': 'gzip' } }),
    ).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Content-Encoding is not supported; send the body uncompressed',
    });
    const latin1 = await trpc('POST', 'auth.login', {
      body,
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    expect(latin1.status).toBe(415);
    const notUtf8 = await trpc('POST', 'auth.login', { body: Buffer.from([0x7b, 0xc0, 0x7d]) });
    expect(notUtf8).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The body is not valid UTF-8',
    });
  });

  it('answers BAD_REQUEST for nesting past the limit and for unpaired surrogates, and writes nothing', async () => {
    const { admin } = await makeWorkspace();
    const token = await tokenFor(admin);
    const deep = `{"name":"deep","color":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(await trpc('POST', 'tags.create', { token, body: deep })).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The body nests arrays and objects deeper than 32 levels',
    });
    const half = await trpc('POST', 'tags.create', { token, body: '{"name":"half \\ud800"}' });
    expect(half).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'name must not contain NUL characters or unpaired surrogates',
    });
    // The console batches its calls: the field is the input's, not the batch's index.
    const batched = await fetch(`${srv.url}/trpc/tags.create,tags.create?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"0":{"name":"fine"},"1":{"name":"x","color":"\\udfff"}}',
    });
    expect(batched.status).toBe(400);
    expect(JSON.stringify(await batched.json())).toContain(
      'color must not contain NUL characters or unpaired surrogates',
    );
    expect(await db.select().from(tags).where(eq(tags.workspaceId, admin.workspaceId))).toEqual([]);
    const pair = await trpc('POST', 'tags.create', {
      token,
      body: '{"name":"pair \\ud83d\\ude00"}',
    });
    expect(pair.status).toBe(200);
    const [stored] = await db.select().from(tags).where(eq(tags.workspaceId, admin.workspaceId));
    expect(stored!.name).toBe('pair 😀');
    expect(errorsLogged()).toEqual([]);
  });

  it('answers BAD_REQUEST for integer ids past int4, not a database error', async () => {
    const { admin } = await makeWorkspace();
    const token = await tokenFor(admin);
    const huge = 99_999_999_999;
    const cases = [
      await trpc('GET', 'users.get', { token, input: { id: huge } }),
      await trpc('POST', 'users.update', { token, body: JSON.stringify({ id: huge, patch: {} }) }),
      await trpc('POST', 'apiKeys.revoke', { token, body: JSON.stringify({ id: huge }) }),
      await trpc('POST', 'assignment.updatePolicy', {
        token,
        body: JSON.stringify({ tagRoutes: [{ tagId: huge, userIds: [admin.id] }] }),
      }),
      await trpc('POST', 'assignment.updatePolicy', {
        token,
        body: JSON.stringify({ tagRoutes: [{ tagId: 1, userIds: [huge] }] }),
      }),
    ];
    for (const [i, res] of cases.entries()) {
      expect({ i, status: res.status, code: res.code }).toEqual({
        i,
        status: 400,
        code: 'BAD_REQUEST',
      });
    }
    expect(errorsLogged()).toEqual([]);
  });
});
