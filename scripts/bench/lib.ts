/**
 * Shared benchmark plumbing: timing (sequential, interleaved, paced, closed-loop) with
 * nearest-rank percentiles, HTTP helpers, an OpenAI-compatible stub, a markdown table; and,
 * re-exported from ./stack, the throw-away database, the app in-process or spawned, seeding.
 */
import http, { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export * from './stack';

export interface Stats {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

/**
 * Runs `fn` `warmup` times untimed, then `iterations` times one after another (latency, not
 * throughput) and returns the wall-clock milliseconds of each timed run.
 */
export async function measure(
  fn: () => Promise<unknown>,
  { warmup = 20, iterations = 200 }: { warmup?: number; iterations?: number } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Times several functions in interleaved rounds (a, b, c, a, b, c, ...), so drift in the
 * machine (other load, caches, autovacuum) falls on every side of a comparison alike.
 * Returns one sample array per function.
 */
export async function measureInterleaved(
  fns: (() => Promise<unknown>)[],
  options: { warmup?: number; iterations?: number; rounds?: number } = {},
): Promise<number[][]> {
  const rounds = options.rounds ?? 8;
  const perRound = Math.ceil((options.iterations ?? 200) / rounds);
  const warmup = options.warmup ?? 20;
  const samples = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, fn] of fns.entries()) {
      samples[i]!.push(
        ...(await measure(fn, { warmup: r === 0 ? warmup : 2, iterations: perRound })),
      );
    }
  }
  return samples;
}

/**
 * The benchmarks' HTTP client: node:http over keep-alive sockets. It shares the CPU with what
 * it measures, and costs about half as much per request as `fetch` (undici's WHATWG streams),
 * so less of the client ends up in the server's figures. The body is still read whole and parsed.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function call(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = (token?: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** GET a body over HTTP, read whole as text; anything but 200 aborts the benchmark. */
export async function getText(url: string, token?: string): Promise<string> {
  const res = await call('GET', url, { accept: 'application/json', ...bearer(token) });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.text}`);
  return res.text;
}

/** GET a JSON body over HTTP; anything but 200 aborts the benchmark. */
export async function getJson<T = unknown>(url: string, token?: string): Promise<T> {
  return JSON.parse(await getText(url, token)) as T;
}

/** POST a JSON body with a Bearer token; anything but 2xx aborts the benchmark. */
export async function postJson<T = unknown>(url: string, token: string, body: unknown): Promise<T> {
  const payload = JSON.stringify(body);
  const res = await call(
    'POST',
    url,
    {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      ...bearer(token),
    },
    payload,
  );
  if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}: ${res.text}`);
  return JSON.parse(res.text) as T;
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
}

const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/**
 * Open-loop load: starts `fn(i)` every 1000/`perSecond` ms (on schedule, whether or not earlier
 * calls finished) `count` times, then waits for all. Returns how late the starts ran (ms, max).
 */
export async function paced(
  perSecond: number,
  count: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ maxLag: number; seconds: number }> {
  const interval = 1000 / perSecond;
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  let maxLag = 0;
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxLag = Math.max(maxLag, performance.now() - due);
    pending.push(fn(i));
  }
  await Promise.all(pending);
  return { maxLag, seconds: (performance.now() - started) / 1000 };
}

/**
 * Closed-loop load: `concurrency` workers call `fn(i, worker)` back to back until `count` calls
 * were made. Returns the wall-clock seconds and the latency of each call (ms).
 */
export async function closedLoop(
  concurrency: number,
  count: number,
  fn: (i: number, worker: number) => Promise<unknown>,
): Promise<{ seconds: number; samples: number[] }> {
  let next = 0;
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await fn(i, worker);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * What the stub answers: every user turn after the last assistant turn (the customer's lines
 * the bot has yet to answer, which one reply may answer together), `Re: <m1> | <m2>`; the last
 * user turn when there is none (a follow-up after tool calls).
 */
export function stubReplyText(messages: { role: string; content: string }[] = []): string {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  const unanswered = messages.slice(lastAssistant + 1).filter((m) => m.role === 'user');
  const answered = unanswered.length
    ? unanswered
    : messages.filter((m) => m.role === 'user').slice(-1);
  return `Re: ${answered.map((m) => m.content).join(' | ')}`;
}

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 that answers in the real response
 * shape (`stubReplyText`, so a reply names the messages it answers), at once or after
 * `latencyMs` (`setLatency` changes it between scenarios). It records its own latency per
 * completion, from the request's arrival to its response written: the model's share of an
 * end-to-end figure, and what this process's own load adds to it. Use `url` as OPENAI_BASE_URL.
 */
export async function startOpenAIStub(options: { latencyMs?: number } = {}) {
  let served = 0;
  let latencyMs = options.latencyMs ?? 0;
  const latencies: number[] = [];
  const server = createServer(async (req, res) => {
    const arrived = performance.now();
    const request = JSON.parse((await readBody(req)) || '{}') as {
      model?: string;
      messages?: { role: string; content: string }[];
    };
    // A real model takes a second or more; the worker waits for it without using the CPU.
    if (latencyMs) await sleep(latencyMs);
    served++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-bench${served}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model ?? 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: stubReplyText(request.messages), refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
        system_fingerprint: 'fp_bench',
      }),
      () => latencies.push(performance.now() - arrived),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    /** Completions answered so far. */
    served: () => served,
    /** Each completion's latency at the stub (ms), in the order they were written. */
    latencies,
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
