import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFetch } from '../server/ai/model-fetch';

/** A local OpenAI-compatible server (a real socket, not an interceptor) and what it was sent. */
let url = '';
const seen: {
  method?: string;
  path?: string;
  headers: IncomingMessage['headers'];
  body: string;
}[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ method: req.method, path: req.url, headers: req.headers, body });
    if (req.url === '/v1/slow') return; // never answers: the caller aborts
    if (req.url === '/v1/gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync(JSON.stringify({ zipped: true })));
    }
    if (req.url === '/v1/limited') {
      res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { message: 'slow down' } }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `echo ${body.length}`, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('the model clients’ fetch', () => {
  const fetchIt = modelFetch();

  it('carries the SDK’s completion request and answer', async () => {
    const client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: `${url}/v1`,
      fetch: fetchIt,
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    const sent = seen.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.parse(sent.body)).toMatchObject({ messages: [{ role: 'user', content: 'hello' }] });
    expect(Number(sent.headers['content-length'])).toBe(Buffer.byteLength(sent.body));
    expect(completion.choices[0]!.message.content).toBe(`echo ${sent.body.length}`);
  });

  it('keeps status and headers, so a 429’s Retry-After reaches the SDK', async () => {
    const client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: `${url}/v1`,
      fetch: fetchIt,
      maxRetries: 0,
    });
    const err = await client
      .post('/limited', { body: {} })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe(
      '3',
    );
  });

  it('decodes a gzip body as fetch would', async () => {
    const res = await fetchIt(`${url}/v1/gzip`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ zipped: true });
  });

  it('stops a request when its signal aborts', async () => {
    const abort = new AbortController();
    const pending = fetchIt(`${url}/v1/slow`, { method: 'POST', body: '{}', signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
