import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, type Tx } from '../server/db/client';
import { whatsappLine } from './faults/line';
import { startProviders } from './faults/stand-ins';
import { serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';

const srv = serverForThisFile();

/** The id this process's (only) pool beats with, once it has beaten. */
const livePool = () =>
  eventually(async () => {
    const [row] = (await db.execute(sql`select pool_id from worker_heartbeats`)) as unknown as {
      pool_id: string;
    }[];
    return row?.pool_id;
  });

/** Resolves once two beats of `pool` landed after the call: a whole sweep ran in between. */
async function sweptOnce(pool: string) {
  const seen = async () =>
    (
      (await db.execute(
        sql`select last_seen_at::text as at from worker_heartbeats where pool_id = ${pool}`,
      )) as unknown as { at: string }[]
    )[0]?.at;
  let last = await seen();
  for (let beats = 0; beats < 2; beats++) {
    await eventually(async () => {
      const now = await seen();
      if (now === last) return false;
      last = now;
      return true;
    });
  }
}

/**
 * A cleanup-auth job on `queue`, locked (with its queue) by `pool` as get_job does, `ago` ago:
 * added and locked in the caller's transaction, so no worker takes it first.
 */
async function lockedJob(tx: Tx, queue: string, pool: string, ago: string) {
  await tx.execute(
    sql`select graphile_worker.add_job('cleanup-auth', '{}'::json, queue_name => ${queue})`,
  );
  await tx.execute(sql`update graphile_worker._private_jobs j
    set locked_by = ${pool}, locked_at = now() - ${ago}::interval, attempts = 1
    from graphile_worker._private_job_queues q
    where q.id = j.job_queue_id and q.queue_name = ${queue}`);
  await tx.execute(sql`update graphile_worker._private_job_queues
    set locked_by = ${pool}, locked_at = now() - ${ago}::interval where queue_name = ${queue}`);
}

const locksOf = async (queue: string) =>
  (await db.execute(sql`
    select q.locked_by as queue, j.locked_by as job, count(j.id)::int as jobs
    from graphile_worker._private_job_queues q
    left join graphile_worker._private_jobs j on j.job_queue_id = q.id
    where q.queue_name = ${queue} group by 1, 2`)) as unknown as {
    queue: string | null;
    job: string | null;
    jobs: number;
  }[];

describe('locks a live pool holds on jobs none of its workers runs', () => {
  it('are freed, with their queue, so the queue’s next job runs; a lock just taken is not', async () => {
    const worker = await runWorker();
    try {
      const pool = await livePool();
      // What a completion lost with the database connection leaves: the job and its queue
      // locked by this pool, which carries on beating, and the queue's next job waiting.
      await db.transaction(async (tx) => {
        await lockedJob(tx, 'conversation:lost-completion', pool, '1 minute');
        await tx.execute(
          sql`select graphile_worker.add_job('cleanup-auth', '{}'::json, queue_name => 'conversation:lost-completion')`,
        );
      });
      await db.transaction((tx) => lockedJob(tx, 'conversation:just-taken', pool, '0 seconds'));
      await sweptOnce(pool);
      expect(await locksOf('conversation:just-taken')).toEqual([
        { queue: pool, job: pool, jobs: 1 },
      ]);
      // Both jobs of the stuck queue ran (done jobs are deleted) and the queue is free.
      await eventually(async () => {
        const locks = await locksOf('conversation:lost-completion');
        return locks.length === 1 && locks[0]!.jobs === 0 && locks[0]!.queue === null;
      }, 10_000);
    } finally {
      await worker.stop();
    }
  });

  it('leave a job a worker is running alone, however old its lock', async () => {
    const providers = await startProviders();
    providers.hold();
    const line = await whatsappLine(srv.url, providers);
    expect(await line.customerWrites('5511999990077', 'my tv is broken')).toBe(200);
    const worker = await runWorker();
    try {
      await eventually(async () => providers.sends.inFlight() === 1);
      const pool = await livePool();
      await db.execute(sql`update graphile_worker._private_jobs
        set locked_at = now() - interval '1 hour' where locked_by is not null`);
      await db.execute(sql`update graphile_worker._private_job_queues
        set locked_at = now() - interval '1 hour' where locked_by is not null`);
      await sweptOnce(pool);
      const locks = (await db.execute(sql`
        select j.locked_by as job, q.locked_by as queue from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        where t.identifier = 'outgoing-message'`)) as unknown as { job: string; queue: string }[];
      expect(locks).toEqual([{ job: pool, queue: pool }]);
      providers.release();
      await eventually(async () => [...providers.sends.calls.values()].length === 1);
      expect([...providers.sends.calls.values()]).toEqual([1]);
    } finally {
      providers.release();
      await worker.stop();
      await providers.close();
    }
  });
});
