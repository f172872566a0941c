import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * The `fetch` the model clients hand the openai SDK: node:http with keep-alive connections
 * instead of the global fetch (undici), whose request and stream machinery cost more CPU than
 * the rest of a bot reply's path together (issue 19: 2.6 ms of server CPU a completion with
 * the stub model, against 0.x ms this way; docs/performance.md "CPU per message"). It does
 * what the SDK asks of fetch: method, headers, a string or bytes body, an abort signal, and a
 * Response whose body streams as it arrives (so streamed completions still stream), with gzip,
 * deflate and brotli bodies decoded as fetch would.
 */
export function modelFetch(options: { maxSockets?: number } = {}): typeof fetch {
  const agents =
    options.maxSockets === undefined ? modelAgents() : keepAliveAgents(options.maxSockets);
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') throw new TypeError(`unsupported URL ${url.protocol}`);
    const body = await bodyBytes(init.body);
    const headers = headerRecord(init.headers);
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['content-length'] = String(body.byteLength);
    return new Promise<Response>((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: init.method ?? 'GET',
          headers,
          agent: secure ? agents.https : agents.http,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const status = res.statusCode ?? 502;
          const decoded = decode(res);
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(
            new Response(empty ? null : (Readable.toWeb(decoded) as ReadableStream<Uint8Array>), {
              status,
              statusText: res.statusMessage,
              headers: responseHeaders(res),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }) as typeof fetch;
}

const keepAliveAgents = (maxSockets: number) => {
  const agentOptions = { keepAlive: true, maxSockets };
  return { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
};

let sharedAgents: ReturnType<typeof keepAliveAgents> | undefined;

/**
 * The keep-alive connections of every model call of the process: the SDK clients' fetch and
 * the bot's chat completions (chat-completions.ts).
 */
export function modelAgents() {
  sharedAgents ??= keepAliveAgents(512);
  return sharedAgents;
}

/** A response's whole body as text, decoded as fetch would (gzip, deflate, brotli). */
export function decodedBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = decode(res);
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.on('error', reject);
    res.on('aborted', () => reject(new Error('the response was cut off')));
  });
}

let shared: typeof fetch | undefined;

/** One pool of keep-alive connections for every model client of the process (chat, embeddings). */
export function sharedModelFetch(): typeof fetch {
  shared ??= modelFetch();
  return shared;
}

async function bodyBytes(body: RequestInit['body']): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // FormData, Blob, streams (file uploads, which the bot never sends): as fetch encodes them.
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries =
    headers instanceof Headers
      ? headers.entries()
      : Array.isArray(headers)
        ? headers
        : Object.entries(headers);
  for (const [name, value] of entries) if (value !== undefined) record[name] = String(value);
  return record;
}

/** The response's headers; a decoded body no longer has its encoding or length. */
function responseHeaders(res: http.IncomingMessage): Headers {
  const headers = new Headers();
  const decoded = res.headers['content-encoding'] !== undefined;
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function decode(res: http.IncomingMessage): Readable {
  switch (res.headers['content-encoding']) {
    case 'gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}
