import { sql } from 'drizzle-orm';
import { resetResponder } from '../../server/ai';
import { config } from '../../server/config';
import { db } from '../../server/db/client';
import { startWorker, type WorkerHandle } from '../../server/jobs/worker';
import { databaseUrl } from '../setup/per-file';
import { type ServerProcess, spawnServer } from './process';

/** The real graphile-worker, on this test file's database. */
export function runWorker(): Promise<WorkerHandle> {
  return startWorker(databaseUrl);
}

/** Polls until `check` returns a truthy value (jobs run asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Jobs still queued or running (a retry waiting for its backoff counts). */
export async function pendingJobs(task?: string): Promise<number> {
  const [row] = (await db.execute(sql`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where ${task ? sql`t.identifier = ${task}` : sql`true`}`)) as unknown as [{ n: number }];
  return row?.n ?? 0;
}

/** Skips graphile-worker's retry backoff so a test does not wait minutes. */
export async function runRetriesNow(): Promise<void> {
  await db.execute(
    sql`update graphile_worker._private_jobs set run_at = now() where attempts > 0 and locked_at is null`,
  );
  await db.execute(sql`select pg_notify('jobs:insert', '')`);
  await db.execute(sql`update bot_turns set run_after = now() where state = 'waiting'`);
  await db.execute(sql`select pg_notify('bot_turns', '')`);
}

/** Bot turns not yet answered (waiting for a place, a retry, or being answered). */
export async function openBotTurns(): Promise<number> {
  const [row] = (await db.execute(sql`select count(*)::int as n from bot_turns`)) as unknown as [
    { n: number },
  ];
  return row?.n ?? 0;
}

export function useOpenAI(enabled: boolean) {
  config.OPENAI_API_KEY = enabled ? 'sk-test' : undefined;
  config.OPENAI_BASE_URL = undefined;
  config.OPENAI_MAX_RETRIES = 0;
  resetResponder();
}

/** A `--role=worker` server process on this test file's database, calling `env`'s providers. */
export function spawnWorker(env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  return spawnServer(
    { DATABASE_URL: databaseUrl, SEED_DEMO: 'false', WORKER_CONCURRENCY: '4', ...env },
    ['--role=worker'],
  );
}
