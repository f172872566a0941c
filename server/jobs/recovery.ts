import { inArray, lt, sql } from 'drizzle-orm';
import { makeWorkerUtils, type WorkerEvents } from 'graphile-worker';
import { db } from '../db/client';
import { workerHeartbeats } from '../db/schema';
import { logger } from '../logger';
import { graphileLogger } from './logger';

const BEAT_MS = 5_000;
/** A worker silent this long is dead (several missed beats, so a busy event loop is not). */
const DEAD_AFTER_SECONDS = 20;
const log = logger.child({ component: 'worker-recovery' });

/** Locks held by worker ids that no live process vouches for. */
async function deadLockHolders(): Promise<string[]> {
  const rows = (await db.execute(sql`
    select distinct locked_by from (
      select locked_by from graphile_worker._private_jobs where locked_by is not null
      union
      select locked_by from graphile_worker._private_job_queues where locked_by is not null
    ) held
    where locked_by not in (
      select worker_id from worker_heartbeats
      where last_seen_at > now() - make_interval(secs => ${DEAD_AFTER_SECONDS})
    )`)) as unknown as { locked_by: string }[];
  return rows.map((r) => r.locked_by);
}

export async function unlockDeadWorkers(connectionString: string): Promise<string[]> {
  const dead = await deadLockHolders();
  if (dead.length === 0) return dead;
  const utils = await makeWorkerUtils({ connectionString, logger: graphileLogger });
  try {
    await utils.forceUnlockWorkers(dead);
  } finally {
    await utils.release();
  }
  await db.delete(workerHeartbeats).where(inArray(workerHeartbeats.workerId, dead));
  log.warn({ workers: dead }, 'unlocked jobs held by workers that are gone');
  return dead;
}

/**
 * Keeps this process's worker ids beating and sweeps for dead ones: at start-up (a crash of the
 * previous run) and periodically (another process died).
 */
export function watchWorkers(
  events: WorkerEvents,
  connectionString: string,
): { stop(): Promise<void> } {
  const ids = new Set<string>();
  events.on('worker:create', ({ worker }) => {
    ids.add(worker.workerId);
    void beat();
  });
  const beat = async () => {
    if (ids.size === 0) return;
    await db
      .insert(workerHeartbeats)
      .values([...ids].map((workerId) => ({ workerId })))
      .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastSeenAt: sql`now()` } });
  };
  let sweeps = 0;
  const timer = setInterval(() => {
    void beat()
      .then(async () => {
        // Sweep every sixth beat (30 s); stale heartbeat rows are pruned with it.
        if (++sweeps % 6 !== 0) return;
        await unlockDeadWorkers(connectionString);
        await db
          .delete(workerHeartbeats)
          .where(lt(workerHeartbeats.lastSeenAt, sql`now() - interval '1 day'`));
      })
      .catch((err) => log.error({ err }, 'worker heartbeat failed'));
  }, BEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (ids.size)
        await db
          .delete(workerHeartbeats)
          .where(inArray(workerHeartbeats.workerId, [...ids]))
          .catch(() => {});
    },
  };
}
