/**
 * The systems under test for the benchmarks: a throw-away embedded PostgreSQL (migrated), the
 * real express app in this process or the real server (server/main.ts) spawned, users seeded
 * without scrypt, and the statements the app's pool sends. Server modules are imported lazily,
 * after the environment is set, because server/config.ts reads it on import.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';

const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

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

/** The environment every benchmark runs the app with (set before server modules load). */
function benchEnv() {
  process.env.NODE_ENV ??= 'production';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SEED_DEMO = 'false';
  process.env.BUILD_CONSOLE = 'false';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString('hex');
}

export interface BenchDatabase {
  /** The embedded PostgreSQL's connection string. */
  url: string;
  /** A postgres.js client of the benchmark's own: seeding and the raw-SQL side of comparisons. */
  sql: postgres.Sql;
  pgVersion: string;
  /** Signs an access token (they live 15 minutes: sign one per scenario). */
  tokenFor(user: BenchUser): Promise<string>;
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL in a temp dir, migrated; `stop()` removes it (also on SIGINT). With
 * `keepIn`, the data lives in that folder and stays after `stop()`, so a benchmark whose load
 * takes minutes can measure again on the same data (message-search.ts --data-dir).
 */
export async function startDatabase(keepIn?: string): Promise<BenchDatabase> {
  benchEnv();
  const { logger } = await import('../../server/logger');
  const { startEmbeddedPostgres } = await import('../../server/db/embedded');
  const { migrateDatabase } = await import('../../server/db/migrate');
  const { signAccessToken } = await import('../../server/auth/tokens');
  const postgresJs = (await import('postgres')).default;
  if (keepIn) await mkdir(keepIn, { recursive: true });
  const dir = keepIn ?? (await mkdtemp(path.join(os.tmpdir(), 'inbox-bench-')));
  const pg = await startEmbeddedPostgres(dir, await freePort(), logger);
  let sql: postgres.Sql | undefined;
  const stop = async () => {
    await sql?.end({ timeout: 2 });
    await pg.stop();
    if (!keepIn) await rm(dir, { recursive: true, force: true });
  };
  try {
    await migrateDatabase(pg.url);
    const client = postgresJs(pg.url, { max: 4, onnotice: () => {} });
    sql = client;
    const [{ version }] = (await client`select current_setting('server_version') as version`) as [
      { version: string },
    ];
    return {
      url: pg.url,
      sql,
      pgVersion: version,
      tokenFor: async (u) => {
        // Access tokens name a live login (a refresh token family), as the app's logins do.
        const sessionId = randomUUID();
        await client`insert into refresh_tokens (workspace_id, user_id, token_hash, family_id, expires_at)
          values (${u.workspaceId}, ${u.id}, ${randomBytes(32).toString('hex')}, ${sessionId},
                  now() + interval '1 day')`;
        return signAccessToken({
          userId: u.id,
          workspaceId: u.workspaceId,
          role: u.role,
          sessionId,
        });
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/** Runs `stop` once, on the first call or on SIGINT. */
function stopOnce(stop: () => Promise<void>) {
  let done: Promise<void> | undefined;
  const once = () => {
    done ??= stop();
    return done;
  };
  process.once('SIGINT', () => void once().finally(() => process.exit(130)));
  return once;
}

export interface BenchStack extends BenchDatabase {
  /** Base URL of the real express app on 127.0.0.1. */
  url: string;
  dbUrl: string;
  /** A workspace admin's id, workspace and Bearer token. */
  admin: { userId: number; workspaceId: number; token: string };
}

/**
 * Starts an embedded PostgreSQL (startDatabase), connects the app's pool, serves the real app
 * (server/http/app.ts) on a loopback port in this process and creates a workspace with an
 * admin. `stop()` undoes all of it; it also runs on SIGINT.
 */
export async function startBenchStack(): Promise<BenchStack> {
  const db = await startDatabase();
  const { connectDb, closeDb } = await import('../../server/db/client');
  const { createApp } = await import('../../server/http/app');
  const { withMessageSend } = await import('../../server/http/message-send');
  const { identityCache } = await import('../../server/auth/identity-cache');
  let server: Server | undefined;
  const stop = stopOnce(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await identityCache.stop();
    await closeDb();
    await db.stop();
  });
  try {
    connectDb(db.url);
    // As server/main.ts does: authentication caches identities, evicted through LISTEN.
    const { sql } = await import('../../server/db/client');
    await identityCache.start(sql);
    const health = { ready: true, database: 'up', worker: 'disabled' } as const;
    server = createHttpServer(withMessageSend(createApp({ ...health }), { ...health }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const [workspace] = await db.sql<{ id: number }[]>`
      insert into workspaces (name) values ('Benchmark') returning id`;
    const [admin] = await insertBenchUsers(db.sql, workspace!.id, 1, { role: 'admin' });
    return {
      ...db,
      url: `http://127.0.0.1:${port}`,
      dbUrl: db.url,
      admin: { userId: admin!.id, workspaceId: workspace!.id, token: await db.tokenFor(admin!) },
      stop,
    };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

export interface SpawnedServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The real server as `npm start` runs it (server/main.ts: HTTP, WebSockets, event hub and the
 * in-process graphile-worker; `args` e.g. `--role=api`) in a child process against `db`, on a
 * loopback port, waited for until /healthz answers 200. `stop()` sends SIGTERM (main.ts's
 * ordered shutdown).
 */
export async function spawnServer(
  db: BenchDatabase,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<SpawnedServer> {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'server/main.ts', ...args],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(os.tmpdir(), `inbox-bench-server-${port}`),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr!.on('data', (d) => {
    output = (output + d).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    await rm(path.join(os.tmpdir(), `inbox-bench-server-${port}`), {
      recursive: true,
      force: true,
    });
  };
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res?.status === 200) break;
    if (waited > 90_000) {
      await stop();
      throw new Error(`server never became healthy:\n${output}`);
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, stop };
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

/**
 * Runs captured statements through postgres.js with its defaults (prepared statements, rows as
 * arrays, PostgreSQL's own plan caching): what a hand-written client of the same SQL would do.
 */
export async function runCaptured(sql: postgres.Sql, queries: CapturedQuery[]) {
  const results: unknown[][][] = [];
  for (const q of queries)
    results.push(await sql.unsafe(q.string, q.parameters as never[], { prepare: true }).values());
  return results;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each captured statement, to stderr. */
export async function explainCaptured(sql: postgres.Sql, queries: CapturedQuery[], label: string) {
  for (const q of queries) {
    const plan = await sql.unsafe(
      `explain (analyze, buffers) ${q.string}`,
      q.parameters as never[],
    );
    console.error(`\n-- ${label}\n-- ${q.string}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}
