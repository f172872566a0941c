-- enqueue_job (migration 0011) planned every statement of graphile-worker's add_jobs afresh on
-- each call (force_custom_plan), to keep the cached generic plan of add_jobs' "clear the key of a
-- running job" update from scanning the whole jobs table. That planning was 0.4 ms of the
-- 0.8-1.1 ms an add_job cost, the largest single part of accepting a message (issue 5,
-- docs/benchmarks.md). Plans are now built once per connection and reused, with sequential
-- scans off while they are built: every statement in add_jobs reaches its rows through a unique
-- index (the job key, the task's identifier, the queue's name), so a scan is never the plan it
-- needs, whatever the tables held when the connection first planned them.
ALTER FUNCTION enqueue_job(text, json, text, timestamptz, integer, text)
  SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION enqueue_job(text, json, text, timestamptz, integer, text)
  SET enable_seqscan = off;
