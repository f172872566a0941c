import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { makeApiKey } from './factories/api-key';
import { inboxWorkspace } from './helpers/inbox';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
const logLines = captureLogLines();

const BASE = '/api/v1/chat/conversations';

/** Seed 004's two agents and the platform key; `send` posts raw bytes with given headers. */
async function chat() {
  const ws = await inboxWorkspace();
  const juan = await ws.member('agent', 'Juan Silva');
  const maria = await ws.member('agent', 'María Santos');
  const key = await makeApiKey(ws.admin);
  const auth = { authorization: `Bearer ${juan.token}`, 'X-PUBLIC-KEY': key };
  const send = async (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
    const res = await fetch(srv.url + path, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...auth,
        ...headers,
      },
      body,
    });
    return { status: res.status, body: await res.json() };
  };
  const created = await send(BASE, JSON.stringify({ participant_uuid: maria.user.uuid }));
  const uuid = created.body.data.uuid as string;
  return { ws, maria, auth, send, messages: `${BASE}/${uuid}/messages` };
}

const directConversations = async (workspaceId: number) =>
  (await db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId))).length;

describe('seed 004’s own body parser answers in its Laravel format', () => {
  it('413 past the limit, 415 for a Content-Encoding or another charset, 400 for bytes that are not UTF-8', async () => {
    const { ws, maria, send } = await chat();
    const before = await directConversations(ws.workspace.id);
    const body = JSON.stringify({ participant_uuid: maria.user.uuid, taggable_type: 'T' });
    const big = JSON.stringify({ participant_uuid: maria.user.uuid, pad: 'x'.repeat(1_048_576) });
    expect(await send(BASE, big)).toEqual({
      status: 413,
      body: { message: 'The request body is too large' },
    });
    expect(await send(BASE, body, { 'content-encoding': 'gzip' })).toEqual({
      status: 415,
      body: { message: 'Content-Encoding is not supported; send the body uncompressed' },
    });
    const latin1 = await send(BASE, Buffer.from(body, 'latin1'), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(latin1).toEqual({
      status: 415,
      body: { message: 'The body must be UTF-8 (charset=utf-8)' },
    });
    const notUtf8 = await send(
      BASE,
      Buffer.concat([Buffer.from(body.slice(0, -2)), Buffer.from([0xc3, 0x22, 0x7d])]),
    );
    expect(notUtf8).toEqual({ status: 400, body: { message: 'The body is not valid UTF-8' } });
    expect(await send(BASE, '{"participant_uuid":')).toEqual({
      status: 400,
      body: { message: 'The body is not valid JSON' },
    });
    expect(await directConversations(ws.workspace.id)).toBe(before);
    expect(logLines.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  it('400 for nesting past JSON_MAX_DEPTH; 422 naming the field for unpaired surrogates', async () => {
    const { auth, send, messages } = await chat();
    const deep = `{"message":"hi","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(await send(messages, deep)).toEqual({
      status: 400,
      body: { message: 'The body nests arrays and objects deeper than 32 levels' },
    });
    const unstorable = 'message must not contain NUL characters or unpaired surrogates';
    for (const text of ['"half \\ud800"', '"\\udfff"', '"nul \\u0000"']) {
      expect(await send(messages, `{"message":${text}}`)).toEqual({
        status: 422,
        body: { message: unstorable, errors: { message: [unstorable] } },
      });
    }
    expect((await send(messages, '{"message":"ok \\ud83d\\ude00"}')).status).toBe(201);
    const list = await fetch(srv.url + messages, { headers: auth });
    expect((await list.json()).data.map((m: { message: string }) => m.message)).toEqual(['ok 😀']);
  });
});
