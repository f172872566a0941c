import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletions } from '../server/ai/chat-completions';
import { isRateLimited, retryAfterMs } from '../server/ai/rate-limit';

/**
 * A local OpenAI-compatible server (a real socket, not an interceptor): the model named in the
 * request picks the answer, and it records what it was sent.
 */
let url = '';
const seen: { path?: string; headers: IncomingMessage['headers']; body: string }[] = [];
let failuresLeft = 0;
const answer = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const completion = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ path: req.url, headers: req.headers, body });
    const { model } = JSON.parse(body) as { model: string };
    if (model === 'slow') return; // never answers: the caller aborts or times out
    if (model === 'limited')
      return answer(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '3' });
    if (model === 'no-tools')
      return answer(res, 400, { error: { message: 'tools are not supported' } });
    if (model === 'flaky' && failuresLeft-- > 0)
      return answer(res, 503, { error: { message: 'busy' } }, { 'retry-after-ms': '10' });
    if (model === 'gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync(JSON.stringify(completion('zipped'))));
    }
    answer(res, 200, completion(`echo ${body.length}`));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });

describe('the bot’s chat completions client', () => {
  it('posts the request with the key and answers the completion', async () => {
    const client = chatCompletions({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    const done = await client.create(ask('gpt-4o-mini'));
    const sent = seen.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(Number(sent.headers['content-length'])).toBe(Buffer.byteLength(sent.body));
    expect(JSON.parse(sent.body)).toEqual(ask('gpt-4o-mini'));
    expect(done.choices[0]!.message.content).toBe(`echo ${sent.body.length}`);
    const zipped = await client.create(ask('gzip'));
    expect(zipped.choices[0]!.message.content).toBe('zipped');
  });

  it('fails as the SDK does: a 429 with its Retry-After, a refused tool as a bad request', async () => {
    const client = chatCompletions({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    const limited = await client.create(ask('limited')).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(isRateLimited(limited)).toBe(true);
    expect(retryAfterMs(limited)).toBe(3000);
    const refused = await client.create(ask('no-tools')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as Error).message).toMatch(/tools are not supported/);
  });

  it('retries what the SDK retries, as many times as allowed, after the time the server names', async () => {
    failuresLeft = 2;
    const before = seen.length;
    const retrying = chatCompletions({ apiKey: 'sk-test', baseURL: url, maxRetries: 2 });
    expect((await retrying.create(ask('flaky'))).choices[0]!.message.content).toMatch(/^echo/);
    expect(seen.length - before).toBe(3);
    failuresLeft = 1;
    const once = chatCompletions({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    expect(await once.create(ask('flaky')).catch((e: unknown) => e)).toBeInstanceOf(
      OpenAI.InternalServerError,
    );
    // A bad request is not retried.
    const before400 = seen.length;
    await retrying.create(ask('no-tools')).catch(() => {});
    expect(seen.length - before400).toBe(1);
  });

  it('stops on its abort signal and after its timeout', async () => {
    const client = chatCompletions({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    const abort = new AbortController();
    const pending = client.create(ask('slow'), { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await pending.catch((e: unknown) => e)).toBeInstanceOf(OpenAI.APIUserAbortError);
    const timing = chatCompletions({ apiKey: 'sk', baseURL: url, timeoutMs: 100, maxRetries: 0 });
    expect(await timing.create(ask('slow')).catch((e: unknown) => e)).toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
  });
});
