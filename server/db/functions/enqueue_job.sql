-- Every job is added here (server/queue/enqueue.ts, write_message), which calls
-- graphile_worker.add_job with plans of its own. add_job delegates to add_jobs, whose statements
-- PostgreSQL caches per connection; the generic plan of add_jobs' "clear the key of a running job
-- with the same key" update scanned the whole jobs table (0.7 ms of PostgreSQL CPU with an empty
-- jobs table, 4.7 ms with 20,000 waiting: issue 5, docs/performance.md). Planning every call
-- afresh fixed that but cost 0.4 ms a call; so plans are built once per connection and reused,
-- with sequential scans off while they are built: every statement in add_jobs reaches its rows
-- through a unique index (the job key, the task's identifier, the queue's name), so a scan is
-- never the plan it needs, whatever the tables held when the connection first planned them.
-- graphile-worker's advice is to add jobs through a function of one's own that calls add_job.
create or replace function enqueue_job(
  p_task text,
  p_payload json,
  p_queue_name text,
  p_run_at timestamptz,
  p_max_attempts integer,
  p_job_key text
) returns void
  language plpgsql
  set plan_cache_mode = force_generic_plan
  set enable_seqscan = off
as $$
BEGIN
  PERFORM graphile_worker.add_job(p_task, p_payload, queue_name => p_queue_name,
    run_at => p_run_at, max_attempts => p_max_attempts, job_key => p_job_key);
END $$;
