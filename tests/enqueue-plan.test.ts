import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { addJob as enqueueJob } from '../server/queue/enqueue';
import { databaseUrl } from './setup/per-file';

/**
 * add_jobs (graphile-worker's PL/pgSQL) caches its statements' plans per connection; a generic
 * plan made while the jobs table was small has its "clear the key of a running job" update scan
 * every waiting job, so each add_job costs in proportion to the backlog. enqueue_job (migrations
 * 0011, 0012) builds its plans once with sequential scans off. auto_explain shows the plans
 * PostgreSQL really runs inside the function.
 */
describe('enqueue_job', () => {
  const notices: string[] = [];
  const conn = postgres(databaseUrl, {
    max: 1,
    onnotice: (n) => notices.push(String(n.message)),
  });
  afterAll(() => conn.end({ timeout: 2 }));

  it('adds jobs without scanning the waiting jobs, whatever plans the connection cached', async () => {
    const add = (i: number) => conn`select enqueue_job('plan-test', ${JSON.stringify({ i })}::json,
      ${`plan-queue-${i % 3}`}::text, null, 10, null)`;
    await conn.unsafe(`load 'auto_explain'`);
    await conn.unsafe(`set auto_explain.log_min_duration = 0;
      set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice`);
    // Plans settle while the table is nearly empty (a server that just started), past the five
    // custom plans after which PostgreSQL may switch to a generic one; then a backlog builds up.
    for (let i = 0; i < 12; i++) await add(i);
    await conn`insert into graphile_worker._private_jobs (task_id, payload, run_at, max_attempts)
      select id, '{}'::json, now() + interval '1 day', 1 from graphile_worker._private_tasks,
        generate_series(1, 2000) where identifier = 'plan-test'`;
    notices.length = 0;
    for (let i = 12; i < 24; i++) await add(i);
    const plans = notices.filter((n) => n.includes('_private_jobs'));
    expect(plans.length).toBeGreaterThanOrEqual(12);
    // Every read of a graphile-worker table is an index lookup: an index scan with a condition,
    // not a sequential scan nor a walk of a whole index.
    const scans = notices.flatMap((plan) => {
      const lines = plan.split('\n');
      return lines.flatMap((line, k) =>
        / on _private_\w+/.test(line) && /Scan/.test(line)
          ? [`${line.trim()} | ${lines[k + 1]?.trim() ?? ''}`]
          : [],
      );
    });
    expect(scans.length).toBeGreaterThanOrEqual(12);
    expect(scans.filter((s) => !/Index (Only )?Scan .*\| Index Cond:/.test(s))).toEqual([]);
    const [row] = await conn<{ n: number }[]>`
      select count(*)::int as n from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'plan-test' and j.run_at < now() + interval '1 hour'`;
    expect(row?.n).toBe(24);
  });

  it('adds enqueueJob’s job with its options', async () => {
    const runAt = new Date(Date.now() + 60_000);
    await db.transaction((tx) =>
      enqueueJob(
        tx,
        'plan-test-options',
        { a: 1 },
        {
          queueName: 'plan-options',
          jobKey: 'plan-key',
          maxAttempts: 3,
          runAt,
        },
      ),
    );
    const [job] = await conn<
      { payload: unknown; queue_name: string; key: string; max_attempts: number; run_at: Date }[]
    >`select j.payload, q.queue_name, j.key, j.max_attempts, j.run_at
      from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
      where t.identifier = 'plan-test-options'`;
    expect(job).toEqual({
      payload: { a: 1 },
      queue_name: 'plan-options',
      key: 'plan-key',
      max_attempts: 3,
      run_at: runAt,
    });
  });
});
