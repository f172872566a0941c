import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app';
import { messageSendStats } from '../server/http/message-send';
import { inboxWorkspace, visitor } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';

/*
 * POST /messages/send is served before express when it is the plain send (server/http/
 * message-send.ts) and by the app's own route otherwise. A client must not be able to tell which
 * one answered: the same statuses, bodies and headers for the same requests.
 */

const fast = serverForThisFile();
let expressOnly: { url: string; server: Server };

beforeAll(async () => {
  const server = createServer(createApp({ ready: true, database: 'up', worker: 'disabled' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  expressOnly = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
});
afterAll(() => new Promise((resolve) => expressOnly.server.close(resolve)));

interface Sent {
  status: number;
  body: unknown;
  headers: Record<string, string | null>;
}

const SHOWN_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-headers',
  'vary',
  'idempotent-replayed',
  'x-request-id',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function send(
  base: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
  path = '/messages/send',
): Promise<Sent> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : text,
    headers: Object.fromEntries(
      SHOWN_HEADERS.map((h) => {
        const value = res.headers.get(h);
        // A request without an id of its own gets a fresh one.
        return [h, h === 'x-request-id' && value && UUID.test(value) ? 'a new uuid' : value];
      }),
    ),
  };
}

/** A body with what differs from one accepted message to the next (ids, times) blanked. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        /^(id|uuid|conversationId|messageId|createdAt|updatedAt|lastMessageAt|lastActivityAt|externalUserId)$/.test(
          k,
        )
          ? typeof v
          : shape(v),
      ]),
    );
  return value;
}

describe('POST /messages/send before express', () => {
  it('answers every request as the app does, and takes only the plain send', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const auth = { authorization: `Bearer ${ws.token}`, origin: 'https://shop.example' };
    const message = (content: unknown) =>
      JSON.stringify({ chatbotId: ws.bot.id, externalUserId: visitor(), content });
    const cases: [string, string | Uint8Array<ArrayBuffer>, Record<string, string>][] = [
      ['accepted', message('Hello'), { ...auth, 'x-request-id': 'req-1' }],
      [
        'utf-8 said',
        message('Olá'),
        { ...auth, 'content-type': 'application/json; charset=utf-8' },
      ],
      ['not JSON', '{"content": ', auth],
      ['not an object', '"just text"', auth],
      ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), auth],
      ['a NUL', message('a\\u0000b'), auth],
      ['invalid', JSON.stringify({ chatbotId: ws.bot.id }), auth],
      ['empty', '', auth],
      ['no token', message('Hello'), { origin: 'https://shop.example' }],
      ['a forged token', message('Hello'), { authorization: 'Bearer not.a.token' }],
      [
        'another charset',
        message('Hello'),
        { ...auth, 'content-type': 'application/json; charset=latin1' },
      ],
    ];
    for (const [what, body, headers] of cases) {
      const before = messageSendStats.served;
      const a = await send(fast.url, body, headers);
      const taken = messageSendStats.served - before;
      const b = await send(expressOnly.url, body, headers);
      expect({ what, ...a, body: shape(a.body) }).toEqual({ what, ...b, body: shape(b.body) });
      // Each is a different answer: an accepted send, and each fault its own.
      if (what === 'accepted') expect(a.status).toBe(202);
      expect({ what, taken }).toEqual({ what, taken: what === 'another charset' ? 0 : 1 });
    }

    // A retried send with its Idempotency-Key replays the first answer on both.
    const keyed = { ...auth, 'idempotency-key': `k-${visitor()}` };
    const body = message('Once');
    const first = await send(fast.url, body, keyed);
    const again = await send(fast.url, body, keyed);
    const viaApp = await send(expressOnly.url, body, keyed);
    expect(first.status).toBe(202);
    expect(again).toEqual({
      ...first,
      headers: { ...first.headers, 'idempotent-replayed': 'true' },
    });
    expect(viaApp.body).toEqual(first.body);
  });

  it('leaves the app every other request for the route: a trailing slash, a chunked body', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const before = messageSendStats.served;
    const body = JSON.stringify({ chatbotId: ws.bot.id, externalUserId: visitor(), content: 'Hi' });
    const slash = await send(
      fast.url,
      body,
      { authorization: `Bearer ${ws.token}` },
      '/messages/send/',
    );
    expect(slash.status).toBe(202);
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const chunked = await fetch(`${fast.url}/messages/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.token}` },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(202);
    expect(messageSendStats.served).toBe(before);
  });
});
