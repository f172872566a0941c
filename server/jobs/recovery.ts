import { inArray, sql } from 'drizzle-orm';
import type { WorkerEvents, WorkerPool } from 'graphile-worker';
import { db } from '../db/client';
import { workerHeartbeats } from '../db/schema';
import { logger } from '../logger';
import { freeDeadOwnersTurns } from '../services/bot-turns/turns';
import type { TurnDispatcher } from './bot-turns/dispatcher';
import { ownLockSweeper } from './own-locks';

/**
 * graphile-worker locks a job and its queue with the id of the pool that took it (`pool-<hex>`,
 * one per run(); not the per-slot ids of `worker:create`), and only frees a dead pool's locks
 * after 4 hours. So each process beats for its pools, and every process sweeps: a lock whose
 * pool has not beaten for DEAD_AFTER_SECONDS is freed. A pool that beats never loses a lock.
 * Dead after 5 s and a sweep every second: a dead pool's jobs run again within about 6 s.
 */
const BEAT_MS = 1_000;
/** Four missed beats: a briefly busy event loop or a slow statement is not death. */
const DEAD_AFTER_SECONDS = 5;
/** Rows of pools gone without saying so (SIGKILL) are dropped after this long. */
const FORGET_AFTER = sql`interval '1 hour'`;
/** Beats between two prunings of those rows. */
const PRUNE_EVERY = 60;
const log = logger.child({ component: 'worker-recovery' });

/**
 * Frees the jobs and queues locked by pools that no longer beat; returns those pools' ids. A
 * lock younger than DEAD_AFTER_SECONDS is left alone even without a heartbeat, because a new
 * pool takes its first jobs before its first beat is written. Reading the heartbeats and
 * unlocking is one statement, so no pool is freed on a reading older than the statement.
 */
export async function unlockDeadWorkers(): Promise<string[]> {
  const dead = sql`make_interval(secs => ${DEAD_AFTER_SECONDS})`;
  const rows = (await db.execute(sql`
    with held as (
      select locked_by, locked_at, 1 as jobs from graphile_worker._private_jobs
      where locked_by is not null
      union all
      select locked_by, locked_at, 0 from graphile_worker._private_job_queues
      where locked_by is not null
    ), gone as (
      select array_agg(distinct held.locked_by) as ids, sum(held.jobs) as jobs from held
      where held.locked_at < now() - ${dead}
        and not exists (
          select 1 from worker_heartbeats h
          where h.pool_id = held.locked_by and h.last_seen_at > now() - ${dead}
        )
    )
    -- The freed jobs are announced as graphile-worker announces new ones, so idle workers take
    -- them now rather than at their next poll.
    select ids, graphile_worker.force_unlock_workers(ids),
      pg_notify('jobs:insert', json_build_object('count', jobs)::text)
    from gone
    where ids is not null`)) as unknown as { ids: string[] }[];
  const ids = rows[0]?.ids ?? [];
  const turns = await freeDeadOwnersTurns(DEAD_AFTER_SECONDS);
  if (turns > 0) log.warn({ turns }, 'freed bot turns run by workers that are gone');
  if (ids.length === 0) return ids;
  await db.delete(workerHeartbeats).where(inArray(workerHeartbeats.poolId, ids));
  log.warn({ pools: ids }, 'unlocked jobs held by workers that are gone');
  return ids;
}

/**
 * Beats for this process's worker pools (the ids their locks carry) and its bot-turn dispatcher
 * (the id its turns carry) and, on every beat, sweeps for dead pools and dispatchers of any
 * process, for locks its own pools hold on jobs they no longer run and for turns its own
 * dispatcher no longer runs.
 */
export function watchWorkers(
  events: WorkerEvents,
  dispatcher?: TurnDispatcher,
): { stop(): Promise<void> } {
  const pools = new Map<string, WorkerPool>();
  const ownLocks = ownLockSweeper();
  const forget = (ids: string[]) =>
    ids.length ? db.delete(workerHeartbeats).where(inArray(workerHeartbeats.poolId, ids)) : null;
  const beating = () => [...pools.keys(), ...(dispatcher ? [dispatcher.owner] : [])];
  const beat = async () => {
    const ids = beating();
    if (ids.length === 0) return;
    await db
      .insert(workerHeartbeats)
      .values(ids.map((poolId) => ({ poolId })))
      .onConflictDoUpdate({ target: workerHeartbeats.poolId, set: { lastSeenAt: sql`now()` } });
  };
  const beatFailed = (err: unknown) => log.error({ err }, 'worker heartbeat failed');
  events.on('pool:create', ({ workerPool }) => {
    pools.set(workerPool.id, workerPool);
    void beat().catch(beatFailed);
  });
  // A pool that has shut down holds no locks; its row goes with it.
  events.on('pool:release', ({ workerPool }) => {
    pools.delete(workerPool.id);
    void forget([workerPool.id])?.catch(() => {});
  });
  events.on('job:complete', ({ job }) => ownLocks.left(job));
  let busy = false;
  let ticks = 0;
  const timer = setInterval(() => {
    // A tick that outlasts the interval (a slow database) is not stacked on.
    if (busy) return;
    busy = true;
    void beat()
      .then(async () => {
        await unlockDeadWorkers();
        await ownLocks.free([...pools.values()]);
        if (dispatcher) await dispatcher.giveBackStray();
        if (++ticks % PRUNE_EVERY !== 0) return;
        await db.execute(
          sql`delete from worker_heartbeats where last_seen_at < now() - ${FORGET_AFTER}`,
        );
      })
      .catch(beatFailed)
      .finally(() => {
        busy = false;
      });
  }, BEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await forget(beating())?.catch(() => {});
      pools.clear();
    },
  };
}
