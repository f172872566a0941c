-- The seed-002 inbox list is serialized by PostgreSQL itself (server/services/conversations/
-- bot-inbox.ts): rows are never decoded, mapped and re-encoded in Node. These two functions
-- are the JSON's building blocks; tests/inbox-json.test.ts checks them against the
-- server's `messageText` (shared/message-text.ts) and `Date.toISOString()`.

-- The readable text of a message's content: text, an interactive body's text, a caption, a
-- document's name, else ''. The same rule as shared/message-text.ts.
CREATE FUNCTION message_text(content jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    CASE WHEN jsonb_typeof(content -> 'text') = 'string' THEN content ->> 'text' END,
    CASE WHEN jsonb_typeof(content -> 'body' -> 'text') = 'string'
      THEN content -> 'body' ->> 'text' END,
    CASE WHEN jsonb_typeof(content -> 'caption') = 'string' THEN content ->> 'caption' END,
    CASE WHEN jsonb_typeof(content -> 'name') = 'string' THEN content ->> 'name' END,
    '')
$$;
--> statement-breakpoint
-- A time as JavaScript's toISOString writes it: UTC, milliseconds (truncated, as a Date's are).
CREATE FUNCTION iso_time(t timestamptz) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
