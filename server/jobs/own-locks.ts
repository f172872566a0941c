import { sql } from 'drizzle-orm';
import type { Job, WorkerPool } from 'graphile-worker';
import { db } from '../db/client';
import { logger } from '../logger';

/**
 * A lock this young may belong to a job a worker is still taking: get_job has locked it but its
 * answer has not reached the worker yet.
 */
const TAKING_SECONDS = 5;
/**
 * A job that left its worker this recently may have its completion (or failure) still on its
 * way to the database. One that lands after its job was freed deletes a job that is done anyway;
 * every task is idempotent, so the worst is a run that finds nothing left to do.
 */
const SETTLING_MS = 5_000;
const log = logger.child({ component: 'worker-recovery' });

const idList = (ids: Iterable<string | number>) => [...ids].join(',');

/**
 * graphile-worker 0.17.3 does not wait for a job's completion or failure to be written
 * (worker.js calls completeJob/failJob and moves on). When the database connection is lost at
 * that moment, the job and its queue stay locked by a pool that is alive and beating, so the
 * dead-pool sweep never frees them and graphile-worker's own stale-lock timeout is 4 hours: a
 * conversation's next jobs (the bot's replies) would wait that long. This frees the locks a
 * live pool of this process holds on jobs none of its workers is running, and the queues locked
 * by it with no running job of theirs.
 */
export function ownLockSweeper() {
  const settling = new Map<string, { queueId: number | null; at: number }>();
  return {
    /** A worker finished `job` (graphile-worker's `job:complete`); its completion is under way. */
    left(job: Job) {
      settling.set(job.id, { queueId: job.job_queue_id, at: Date.now() });
    },
    /** Frees the stray locks of `pools` (this process's live pools); returns how many. */
    async free(pools: readonly WorkerPool[]): Promise<{ jobs: number; queues: number }> {
      if (pools.length === 0) return { jobs: 0, queues: 0 };
      const now = Date.now();
      for (const [id, { at }] of settling) if (now - at > SETTLING_MS) settling.delete(id);
      const held = [
        ...pools.flatMap((pool) =>
          // `_workers` is graphile-worker's own list of the pool's workers (typed, internal).
          pool._workers.map((worker) => worker.getActiveJob()).filter((job) => job !== null),
        ),
        ...[...settling].map(([id, { queueId }]) => ({ id, job_queue_id: queueId })),
      ];
      const heldQueues = held.map((job) => job.job_queue_id).filter((id) => id !== null);
      const poolIds = sql`string_to_array(${idList(pools.map((p) => p.id))}, ',')`;
      const taking = sql`make_interval(secs => ${TAKING_SECONDS})`;
      // Rows being written right now (a completion that is landing) are skipped, not waited on.
      const [freed] = (await db.execute(sql`
        with jobs as (
          update graphile_worker._private_jobs j set locked_by = null, locked_at = null
          where j.id in (
            select id from graphile_worker._private_jobs
            where locked_by = any(${poolIds}) and locked_at < now() - ${taking}
              and id <> all(string_to_array(${idList(held.map((job) => job.id))}, ',')::bigint[])
            for update skip locked)
          returning j.id
        ), queues as (
          update graphile_worker._private_job_queues q set locked_by = null, locked_at = null
          where q.id in (
            select id from graphile_worker._private_job_queues
            where locked_by = any(${poolIds}) and locked_at < now() - ${taking}
              and id <> all(string_to_array(${idList(heldQueues)}, ',')::int[])
            for update skip locked)
          returning q.id
        ), counts as (
          select (select count(*) from jobs)::int as jobs, (select count(*) from queues)::int as queues
        )
        select jobs, queues,
          case when jobs + queues > 0
            then pg_notify('jobs:insert', json_build_object('count', jobs)::text) end
        from counts`)) as unknown as { jobs: number; queues: number }[];
      const result = { jobs: freed?.jobs ?? 0, queues: freed?.queues ?? 0 };
      if (result.jobs + result.queues > 0)
        log.warn(result, 'freed locks of this process whose jobs no worker is running');
      return result;
    },
  };
}
