import { describe, expect, it } from 'vitest';
import { makeApiKey } from './factories/api-key';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
const logLines = captureLogLines();

const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(srv.url + path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
  });
  return { status: res.status, body: await res.json() };
};

/**
 * `%FF` is no UTF-8 byte, `%ED%A0%80` encodes a lone surrogate (U+D800), the others are cut
 * short.
 */
const MALFORMED = ['%FF', '%ED%A0%80', '%E0%A4%A', 'abc%'];
const malformedPath = {
  statusCode: 400,
  message: ['The path is not valid percent-encoded UTF-8'],
  error: 'Bad Request',
};

describe('path ids that are not percent-encoded UTF-8 (inputErrorOf)', () => {
  it('answers 400 on the unauthenticated webhooks, without a stack trace in the log', async () => {
    for (const bad of MALFORMED) {
      for (const [method, path] of [
        ['GET', `/webhooks/whatsapp-cloud/${bad}?hub.mode=subscribe`],
        ['POST', `/webhooks/whatsapp-cloud/${bad}`],
        ['POST', `/webhooks/whatsapp-qr/${bad}`],
      ] as const) {
        const res = await call(method, path);
        expect({ method, path, ...res }).toEqual({
          method,
          path,
          status: 400,
          body: malformedPath,
        });
      }
    }
    expect(logLines.filter((l) => /"level":50/.test(l))).toEqual([]);
  });

  it('answers 400 on every REST route with an id, in its contract’s format', async () => {
    const { admin } = await makeWorkspace();
    const auth = { authorization: `Bearer ${await tokenFor(admin)}` };
    const routes = [
      ['GET', '/users/:id'],
      ['PATCH', '/users/:id'],
      ['GET', '/chatbots/:id'],
      ['PATCH', '/chatbots/:id'],
      ['DELETE', '/chatbots/:id'],
      ['PATCH', '/conversations/:id'],
      ['DELETE', '/conversations/:id'],
      ['GET', '/conversations/:id'],
      ['POST', '/conversations/:id/assign'],
      ['POST', '/conversations/:id/unassign'],
      ['GET', '/messages/:id'],
      ['GET', '/messages/conversation/:id'],
      ['GET', '/api/conversations/:id'],
      ['POST', '/api/conversations/:id/takeover'],
      ['POST', '/api/conversations/:id/release'],
      ['POST', '/api/conversations/:id/messages'],
      ['POST', '/api/conversations/:id/end'],
      ['GET', '/api/conversations/:id/variables'],
      ['PUT', '/api/conversations/:id/variables'],
      ['GET', '/contacts/:id'],
      ['PATCH', '/contacts/:id'],
      ['DELETE', '/contacts/:id'],
      ['GET', '/contacts/:id/tags'],
      ['POST', '/contacts/:id/tags'],
      ['GET', '/tags/:id'],
      ['PATCH', '/tags/:id'],
      ['DELETE', '/tags/:id'],
      ['GET', '/servers/:id'],
      ['PATCH', '/devices/:id'],
      ['DELETE', '/applications/:id'],
      ['GET', '/contact-user-accounts/:id'],
      ['PATCH', '/contact-user-accounts/:id'],
      ['DELETE', '/contact-user-accounts/:id'],
    ] as const;
    for (const [method, route] of routes) {
      for (const bad of ['%FF', '%ED%A0%80']) {
        const path = route.replace(':id', bad);
        const res = await call(method, path, auth);
        expect({ method, path, ...res }).toEqual({
          method,
          path,
          status: 400,
          body: malformedPath,
        });
      }
    }
  });

  it('answers seed 004’s routes with its `{message}` body', async () => {
    const { admin } = await makeWorkspace();
    const headers = {
      authorization: `Bearer ${await tokenFor(admin)}`,
      'X-PUBLIC-KEY': await makeApiKey(admin),
    };
    for (const method of ['GET', 'POST']) {
      const res = await call(method, '/api/v1/chat/conversations/%ED%A0%80/messages', headers);
      expect(res).toEqual({
        status: 400,
        body: { message: 'The path is not valid percent-encoded UTF-8' },
      });
    }
  });
});
