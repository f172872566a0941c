/**
 * Shared benchmark plumbing: a throw-away embedded PostgreSQL, the real express app on
 * loopback, sequential timing with percentiles, and a markdown table. Server modules are
 * imported lazily, after the environment is set, because server/config.ts reads it on import.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type postgres from 'postgres';

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

/** GET a JSON body over HTTP; anything but 200 aborts the benchmark. */
export async function getJson<T = unknown>(url: string, token?: string): Promise<T> {
  const res = await fetch(url, {
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface BenchUser {
  id: number;
  workspaceId: number;
  role: 'admin' | 'supervisor' | 'agent';
}

export interface StackOptions {
  /** Also the WebSocket endpoints (/trpc subscriptions, /messages) and the event hub. */
  realtime?: boolean;
  /** Also graphile-worker in this process (server/jobs/worker.ts `startWorker`). */
  worker?: boolean;
}

export interface BenchStack {
  /** Base URL of the real express app on 127.0.0.1. */
  url: string;
  /** The embedded PostgreSQL's connection string. */
  dbUrl: string;
  /** A postgres.js client of its own for the raw-SQL side of comparisons and for seeding. */
  sql: postgres.Sql;
  pgVersion: string;
  /** A workspace admin's id, workspace and Bearer token. */
  admin: { userId: number; workspaceId: number; token: string };
  /** A fresh access token (they live 15 minutes; sign one per scenario). */
  tokenFor(user: BenchUser): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL in a temp dir, migrates it, connects the app's pool, serves
 * the real app (server/http/app.ts) on a loopback port and creates a workspace with an admin;
 * optionally the WebSockets with the event hub, and the worker, as server/main.ts does.
 * `stop()` undoes all of it in main.ts's order; it also runs on SIGINT.
 */
export async function startBenchStack(options: StackOptions = {}): Promise<BenchStack> {
  process.env.NODE_ENV ??= 'production';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SEED_DEMO = 'false';
  process.env.BUILD_CONSOLE = 'false';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString('hex');

  const { logger } = await import('../../server/logger');
  const { startEmbeddedPostgres } = await import('../../server/db/embedded');
  const { migrateDatabase } = await import('../../server/db/migrate');
  const { connectDb, closeDb } = await import('../../server/db/client');
  const { createApp } = await import('../../server/http/app');
  const { createWorkspace } = await import('../../server/services/workspaces');
  const { insertUser } = await import('../../server/services/users');
  const { signAccessToken } = await import('../../server/auth/tokens');
  const { hub } = await import('../../server/realtime/hub');
  const { attachWebSockets } = await import('../../server/realtime/ws-server');
  const { startWorker } = await import('../../server/jobs/worker');
  const client = await import('../../server/db/client');
  const postgresJs = (await import('postgres')).default;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'inbox-bench-'));
  const pg = await startEmbeddedPostgres(dir, await freePort(), logger);
  let server: Server | undefined;
  let sql: postgres.Sql | undefined;
  let sockets: Awaited<ReturnType<typeof attachWebSockets>> | undefined;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (server) {
      const closed = new Promise((resolve) => server!.close(resolve));
      server.closeAllConnections();
      await sockets?.close();
      await closed;
    }
    if (options.realtime) await hub.stop();
    await worker?.stop();
    await sql?.end({ timeout: 2 });
    await closeDb();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    await migrateDatabase(pg.url);
    connectDb(pg.url);
    sql = postgresJs(pg.url, { max: 4, onnotice: () => {} });
    server = createHttpServer(
      createApp({ ready: true, database: 'up', worker: options.worker ? 'running' : 'disabled' }),
    );
    if (options.realtime) {
      sockets = attachWebSockets(server);
      await hub.start(client.sql);
    }
    if (options.worker) worker = await startWorker(pg.url);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const workspace = await createWorkspace('Benchmark');
    const user = await insertUser(workspace.id, {
      name: 'Bench Admin',
      email: 'bench@example.test',
      password: randomBytes(12).toString('hex'),
      role: 'admin',
      capacity: null,
    });
    const token = await signAccessToken({
      userId: user.id,
      workspaceId: workspace.id,
      role: user.role,
    });
    const [{ version }] = (await sql`select current_setting('server_version') as version`) as [
      { version: string },
    ];
    return {
      url: `http://127.0.0.1:${port}`,
      dbUrl: pg.url,
      sql,
      pgVersion: version,
      admin: { userId: user.id, workspaceId: workspace.id, token },
      tokenFor: (u) => signAccessToken({ userId: u.id, workspaceId: u.workspaceId, role: u.role }),
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/**
 * Users straight into the table (no scrypt per user; benchmarks sign their tokens directly):
 * `count` of one role, named `<prefix> <n>`, in id order.
 */
export async function insertBenchUsers(
  sql: postgres.Sql,
  workspaceId: number,
  count: number,
  opts: {
    role?: BenchUser['role'];
    prefix?: string;
    availability?: 'online' | 'away' | 'offline';
    capacity?: number | null;
  } = {},
): Promise<BenchUser[]> {
  const role = opts.role ?? 'agent';
  const prefix = opts.prefix ?? role;
  return sql<BenchUser[]>`
    insert into users (workspace_id, name, email, password_hash, role, availability, capacity)
    select ${workspaceId}, ${prefix} || ' ' || g,
           ${prefix.toLowerCase().replace(/\W+/g, '-')} || '-' || g || '-' || ${workspaceId} || '@bench.test',
           'not-a-real-hash', ${role}, ${opts.availability ?? 'online'}, ${opts.capacity ?? null}
    from generate_series(1, ${count}) g
    order by g
    returning id, workspace_id as "workspaceId", role`;
}

export interface CapturedQuery {
  string: string;
  parameters: unknown[];
}

/**
 * The statements the app's pool (server/db/client.ts) sends while `fn` runs, through
 * postgres.js's debug hook: the raw-SQL side of a comparison then runs exactly the service's
 * SQL. Run `fn` alone (nothing else may use the pool meanwhile).
 */
export async function captureAppQueries(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const client = await import('../../server/db/client');
  const captured: CapturedQuery[] = [];
  const options = client.sql.options as { debug?: unknown };
  const previous = options.debug;
  options.debug = (_conn: number, string: string, parameters: unknown[]) =>
    captured.push({ string, parameters: [...parameters] });
  try {
    await fn();
  } finally {
    options.debug = previous;
  }
  return captured;
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

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
 * Closed-loop load: `concurrency` workers call `fn(i)` back to back until `count` calls were
 * made. Returns the wall-clock seconds and the latency of each call (ms).
 */
export async function closedLoop(
  concurrency: number,
  count: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ seconds: number; samples: number[] }> {
  let next = 0;
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}
