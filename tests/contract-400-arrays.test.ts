import { describe, expect, it } from 'vitest';
import { inboxWorkspace, openConversation, visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

/*
 * Seeds 000–003 answer a 400 with `message` as a list of sentences (class-validator's), so a
 * client written against them reads every 400 the same way: a body that is not JSON and an
 * over-long Idempotency-Key included.
 */

const srv = serverForThisFile();

/** A request with the body's bytes as given (not re-encoded as JSON). */
async function raw(
  method: string,
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
) {
  const res = await fetch(srv.url + path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const badRequest = (sentence: string) => ({
  status: 400,
  body: { statusCode: 400, message: [sentence], error: 'Bad Request' },
});

describe('every 400 of seeds 000–003 carries `message` as an array', () => {
  it('answers a body that is not JSON with a list, on /messages/send, /conversations and the rest', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const auth = { authorization: `Bearer ${ws.token}` };
    for (const [method, path] of [
      ['POST', '/messages/send'],
      ['POST', '/conversations'],
      ['PATCH', `/conversations/${c.uuid}`],
      ['POST', `/api/conversations/${c.uuid}/messages`],
      ['POST', '/tags'],
    ] as const) {
      expect({ path, ...(await raw(method, path, '{"content": ', auth)) }).toEqual({
        path,
        ...badRequest('The body is not valid JSON'),
      });
    }
    // The other faults of the body itself read the same way.
    expect(await raw('POST', '/conversations', '"just text"', auth)).toEqual(
      badRequest('The body must be a JSON object or array'),
    );
    expect(await raw('POST', '/messages/send', new Uint8Array([0x7b, 0xff, 0x7d]), auth)).toEqual(
      badRequest('The body is not valid UTF-8'),
    );
  });

  it('answers a 300-character Idempotency-Key with a list, on both sends that honour the header', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const headers = { 'Idempotency-Key': 'k'.repeat(300) };
    const send = await api(srv.url, 'POST', '/messages/send', {
      token: ws.token,
      headers,
      body: { chatbotId: ws.bot.id, externalUserId: visitor(), content: 'Hello' },
    });
    const operator = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: ws.token,
      headers,
      body: { type: 'text', content: { text: 'Hello' } },
    });
    for (const res of [send, operator]) {
      expect({ status: res.status, body: res.body }).toEqual(
        badRequest('Idempotency-Key must be at most 255 characters'),
      );
    }
  });

  it('keeps one sentence for a 413 and a 415, which are no validation errors', async () => {
    const { token } = await inboxWorkspace({ aiEnabled: false });
    const res = await raw('POST', '/conversations', '{}', {
      authorization: `Bearer ${token}`,
      'content-encoding': 'gzip',
    });
    expect(res).toEqual({
      status: 415,
      body: {
        statusCode: 415,
        message: 'Content-Encoding is not supported; send the body uncompressed',
        error: 'Unsupported Media Type',
      },
    });
  });
});
