import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { contacts, conversationVariables, tags } from '../server/db/schema';
import { AppError, inputErrorOf } from '../server/errors';
import { jsonTextFault } from '../server/request/json-text';
import { inboxWorkspace, messageTexts, openConversation } from './helpers/inbox';
import { captureLogLines } from './helpers/logs';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
const logLines = captureLogLines();

/** A raw POST: the bytes and headers as given, nothing added but Content-Length. */
async function post(path: string, body: BodyInit, headers: Record<string, string>) {
  const res = await fetch(srv.url + path, {
    method: 'POST',
    headers: { accept: 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: await res.json() };
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const unstorable = (field: string) =>
  `${field} must not contain NUL characters or unpaired surrogates`;
const stackTraces = () => logLines.filter((l) => /"level":50/.test(l));

describe('bodies the REST routes cannot read (server/request/body.ts)', () => {
  it('refuses a Content-Encoding with 415, compressed or not, before login or a widget session', async () => {
    const login = JSON.stringify({ email: 'a@example.test', password: 'whatever password' });
    for (const [path, body] of [
      ['/auth/login', login],
      ['/widget/session', '{"publicKey":"pk_x"}'],
      ['/auth/register', '{}'],
    ] as const) {
      for (const encoding of ['gzip', 'br', 'deflate', 'x-unknown']) {
        const res = await post(path, body, {
          'content-type': 'application/json',
          'content-encoding': encoding,
        });
        expect({ path, encoding, ...res }).toEqual({
          path,
          encoding,
          status: 415,
          body: {
            statusCode: 415,
            message: 'Content-Encoding is not supported; send the body uncompressed',
            error: 'Unsupported Media Type',
          },
        });
      }
    }
    const gzipped = await post('/auth/login', gzipSync(login), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(gzipped.status).toBe(415);
    expect(stackTraces()).toEqual([]);
  });

  it('answers 413 past HTTP_BODY_LIMIT_BYTES, by Content-Length or counted, and 415 for another charset', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(1_048_576) });
    const tooLarge = {
      statusCode: 413,
      message: 'The request body is too large',
      error: 'Payload Too Large',
    };
    expect(await post('/auth/login', big, { 'content-type': 'application/json' })).toEqual({
      status: 413,
      body: tooLarge,
    });
    // Chunked, without a Content-Length: the reader counts and stops at the limit.
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    expect(await post('/auth/login', chunks, { 'content-type': 'application/json' })).toEqual({
      status: 413,
      body: tooLarge,
    });
    const latin1 = await post('/auth/login', Buffer.from('{"email":"jos\xe9"}', 'latin1'), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(latin1).toEqual({
      status: 415,
      body: {
        statusCode: 415,
        message: 'The body must be UTF-8 (charset=utf-8)',
        error: 'Unsupported Media Type',
      },
    });
  });

  it('refuses bytes that are not UTF-8, nesting past JSON_MAX_DEPTH and a bare JSON value with 400', async () => {
    const { token } = await inboxWorkspace();
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const notUtf8 = await post('/tags', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), auth);
    expect(notUtf8.body).toEqual({
      statusCode: 400,
      message: ['The body is not valid UTF-8'],
      error: 'Bad Request',
    });
    const tooDeep = await post('/tags', `{"name":"deep","color":${deep(5000)}}`, auth);
    expect(tooDeep.body).toEqual({
      statusCode: 400,
      message: ['The body nests arrays and objects deeper than 32 levels'],
      error: 'Bad Request',
    });
    const bare = await post('/tags', '"just text"', auth);
    expect(bare.body.message).toEqual(['The body must be a JSON object or array']);
    const malformed = await post('/tags', '{"name": ', auth);
    expect(malformed.body).toEqual({
      statusCode: 400,
      message: ['The body is not valid JSON'],
      error: 'Bad Request',
    });
    expect(await db.select().from(tags).where(eq(tags.name, 'deep'))).toEqual([]);
  });

  it('refuses 5,000-deep metadata and operator content with 400, and writes no message', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${ws.token}` };
    const customer = await post(
      '/messages/send',
      `{"chatbotId":"${ws.bot.id}","externalUserId":"${c.externalUserId}","content":"hi","metadata":{"a":${deep(5000)}}}`,
      auth,
    );
    const operator = await post(
      `/api/conversations/${c.uuid}/messages`,
      `{"type":"text","content":{"text":"hi","x":${deep(5000)}}}`,
      auth,
    );
    for (const res of [customer, operator]) {
      expect(res).toEqual({
        status: 400,
        body: expect.objectContaining({
          statusCode: 400,
          message: [expect.stringMatching(/deeper/)],
        }),
      });
    }
    expect(await messageTexts(c.id)).toEqual(['Hello, I need help']);
    expect(stackTraces()).toEqual([]);
  });

  it('refuses unpaired surrogates in any field with 400 naming it, and stores a real pair as it is', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const call = (method: string, path: string, body: string) =>
      api(srv.url, method, path, { token: ws.token, body });
    // As a JSON client writes them: escapes (JSON.stringify('\ud800') is "\ud800").
    const variable = await call(
      'PUT',
      `/api/conversations/${c.uuid}/variables`,
      '{"key":"plan","value":"half \\ud800 a pair"}',
    );
    expect(variable.status).toBe(400);
    expect(variable.body).toEqual({
      statusCode: 400,
      message: [unstorable('value')],
      error: 'Bad Request',
    });
    const contact = await call('POST', '/contacts', '{"external_id":"s-1","name":"Ana \\udc00"}');
    expect(contact.body.message).toEqual([unstorable('name')]);
    const key = await call('POST', '/tags', '{"\\ud83d":"x","name":"t"}');
    expect(key.body.message).toEqual([unstorable('body')]);
    expect(await db.select().from(conversationVariables)).toEqual([]);
    expect(await db.select().from(contacts).where(eq(contacts.externalId, 's-1'))).toEqual([]);

    const pair = await call(
      'POST',
      '/contacts',
      '{"external_id":"s-2","name":"Ana \\ud83d\\ude00"}',
    );
    expect(pair.status).toBe(201);
    const [stored] = await db.select().from(contacts).where(eq(contacts.externalId, 's-2'));
    expect(stored!.name).toBe('Ana 😀');
  });
});

describe('jsonTextFault (server/request/json-text.ts)', () => {
  it('counts nesting outside strings only, up to the limit', () => {
    expect(jsonTextFault(deep(32), 32)).toBeUndefined();
    expect(jsonTextFault(deep(33), 32)).toBe('depth');
    expect(jsonTextFault(`{"a":"${'['.repeat(100)}"}`, 32)).toBeUndefined();
    expect(jsonTextFault(`[{"a":[{"b":"\\"[[["}]}]`, 3)).toBe('depth');
    expect(jsonTextFault(`[{"a":[{"b":"\\"[[["}]}]`, 4)).toBeUndefined();
  });

  it('finds NULs and lone surrogates, escaped or raw, and leaves pairs and escaped backslashes', () => {
    for (const bad of [
      '"\\u0000"',
      '"\\ud800"',
      '"\\uDBFF x"',
      '"\\udc00"',
      '"\\ud800\\u0041"',
      '"\\\\\\ud800"',
      '"raw \ud800 half"',
      '"raw \udc00"',
      '{"\\ud800":1}',
    ]) {
      expect(jsonTextFault(bad, 32), bad).toBe('unstorable');
    }
    for (const fine of [
      '"\\ud83d\\ude00"',
      '"\\uD83D\\uDE00"',
      '"😀"',
      '"\\\\ud800"',
      '"\\\\u0000"',
      '"\\"\\\\"',
      '"\\u00e9\\n\\t"',
    ]) {
      expect(jsonTextFault(fine, 32), fine).toBeUndefined();
    }
  });
});

describe('inputErrorOf (server/errors.ts): text PostgreSQL refuses is the caller’s 400', () => {
  it('maps the json parser’s 22P02 for a lone surrogate, as 22P05 and 22021, with a message array', async () => {
    const refusals = await Promise.all(
      ['{"a":"\\udc00"}', '{"a":"\\ud800 x"}', '{"a":"\\u0000"}'].map((text) =>
        db.execute(sql`select ${text}::jsonb`).then(
          () => expect.fail(text),
          (err: unknown) => err,
        ),
      ),
    );
    const text = db.execute(sql`select ${'a\u0000b'}::text`).catch((err: unknown) => err);
    for (const err of [...refusals, await text]) {
      const input = inputErrorOf(err);
      expect(input).toBeInstanceOf(AppError);
      expect(input).toMatchObject({
        code: 'BAD_REQUEST',
        issues: [{ field: 'request', message: unstorable('Text') }],
      });
    }
    // Other invalid input is not the caller's text: left to the 500 path and its log line.
    const uuid = await db.execute(sql`select ${'nope'}::uuid`).catch((err: unknown) => err);
    expect(inputErrorOf(uuid)).toBeUndefined();
  });
});
