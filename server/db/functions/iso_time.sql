-- A time as JavaScript's toISOString writes it: UTC, milliseconds (truncated, as a Date's are),
-- so JSON PostgreSQL builds itself (server/services/conversations/bot-inbox.ts, rich-query.ts)
-- reads as the server's own would. Held equal to Date.toISOString by tests/inbox-json.test.ts.
create or replace function iso_time(t timestamptz) returns text
  language sql stable parallel safe as $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
