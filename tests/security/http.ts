import { Agent, type IncomingMessage, request } from 'node:http';
import type { ErrorFormat } from './cases';

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export interface RawRequest {
  method: string;
  /** Sent as it is: percent-escapes and all (node:http refuses only control characters). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/**
 * One request over node:http, with no client-side help: no encoding of the path, no
 * Content-Type of its own, the body's bytes as given. A stream (tRPC's SSE subscriptions) is
 * answered once its headers arrive, then cut.
 */
export function send(base: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        agent,
        headers: {
          accept: 'application/json',
          ...r.headers,
          ...(r.body !== undefined ? { 'content-length': Buffer.byteLength(r.body) } : {}),
        },
      },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream'))
          return readEvents(res, contentType, resolve);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, contentType, text, json });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`timeout: ${r.method} ${r.path}`)));
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

/**
 * The events a stream sends in its first moments (an error before the stream starts comes as
 * one), then the stream is cut.
 */
function readEvents(res: IncomingMessage, contentType: string, resolve: (r: RawResponse) => void) {
  let text = '';
  const done = () => {
    clearTimeout(timer);
    res.destroy();
    // tRPC sends a refusal as a `serialized-error` event: shown in its HTTP envelope.
    const error = /event: ?serialized-error\ndata: ?(.*)\n/.exec(text)?.[1];
    let json: unknown;
    try {
      json = error === undefined ? undefined : { error: JSON.parse(error) };
    } catch {}
    resolve({ status: res.statusCode ?? 0, contentType, text, json });
  };
  const timer = setTimeout(done, 300);
  res.on('data', (c: Buffer) => {
    text += c.toString('utf8');
    if (/event: ?serialized-error/.test(text) && text.endsWith('\n\n')) done();
  });
  res.on('error', done);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isSentence = (v: unknown) => typeof v === 'string' && v.length > 0;
const isSentences = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isSentence);
const isMessage = (v: unknown) => isSentence(v) || isSentences(v);

/** Why `res` is not an error body of `format` for its status, or null when it is one. */
export function contractViolation(format: ErrorFormat | 'trpc', res: RawResponse): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  // node:http's own answer to headers past its limit, sent before any of our code runs.
  if (res.status < 400 || res.status === 431) return null;
  const body = res.json;
  if (!isObject(body)) return `a ${res.status} without a JSON object body`;
  if (format === 'nest') {
    if (body.statusCode !== res.status) return `statusCode ${String(body.statusCode)}`;
    if (typeof body.error !== 'string' || body.error === 'Error') return 'no reason in `error`';
    // Every 400 lists its sentences, as the seeds' validation errors do; other statuses say one.
    if (res.status === 400)
      return isSentences(body.message) ? null : 'a 400 whose message is no list';
    if (!isSentence(body.message)) return 'message is not a sentence';
    return null;
  }
  if (format === 'laravel') {
    if (typeof body.message !== 'string' || !body.message) return 'no message';
    if (res.status !== 422) return null;
    const errors = body.errors;
    if (!isObject(errors) || !Object.values(errors).every(isMessage)) return 'errors malformed';
    return null;
  }
  const error = body.error;
  if (!isObject(error) || typeof error.message !== 'string') return 'no tRPC error envelope';
  const data = error.data;
  if (typeof error.code !== 'number' || !isObject(data)) return 'no tRPC error code';
  if (data.httpStatus !== res.status || typeof data.code !== 'string') return 'tRPC data mismatch';
  return null;
}

/** The exact request and answer, for a failure message someone can replay with curl. */
export function describeExchange(r: RawRequest, res: RawResponse | Error): string {
  const body =
    r.body === undefined
      ? ''
      : ` body(${Buffer.byteLength(r.body)} B)=${JSON.stringify(String(r.body).slice(0, 200))}`;
  const answer =
    res instanceof Error ? `threw ${res.message}` : `→ ${res.status} ${res.text.slice(0, 300)}`;
  return `${r.method} ${r.path.slice(0, 300)} headers=${JSON.stringify(r.headers ?? {})}${body} ${answer}`;
}

/** Collects bad answers; throws one error showing each distinct kind of answer once. */
export class BadAnswers {
  private readonly byKind = new Map<string, string>();
  private count = 0;

  add(why: string, r: RawRequest, res: RawResponse | Error) {
    this.count++;
    const answer = res instanceof Error ? res.message : `${res.status} ${res.text.slice(0, 120)}`;
    const kind = `${why} ${answer}`;
    if (!this.byKind.has(kind)) this.byKind.set(kind, `${why}: ${describeExchange(r, res)}`);
  }

  throwIfAny() {
    if (this.count === 0) return;
    const shown = [...this.byKind.values()].slice(0, 10).join('\n');
    throw new Error(`${this.count} bad answers, ${this.byKind.size} kinds:\n${shown}`);
  }
}
