-- The workspace's conversation a send names by id or by uuid, locked FOR UPDATE, or an empty
-- row (every column NULL) when there is none. One index scan on the key it was given: the
-- `id = $1 OR uuid = $2` it replaces is a bitmap scan, and bitmap scans never mark the index
-- entries of dead row versions as dead, so each lookup visited every version the
-- conversation's non-HOT updates (two a message) had left since the last vacuum, a cost that
-- grows with a conversation's length. The accept statement's time fell from 2.4 to 2.1 ms a
-- message in pipeline-cpu.ts (pg_stat_statements; issue 19, the CPU per answered message).
-- Both keys given (no caller does): the id's conversation, else the uuid's, as accept_messages'
-- batches resolve them.
create or replace function lock_named_conversation(
  p_workspace_id integer,
  p_conversation_id integer,
  p_conversation_uuid uuid
) returns conversations
  language plpgsql as $$
DECLARE
  c conversations;
BEGIN
  IF p_conversation_id IS NOT NULL THEN
    SELECT * INTO c FROM conversations
    WHERE id = p_conversation_id AND workspace_id = p_workspace_id FOR UPDATE;
  END IF;
  IF c.id IS NULL AND p_conversation_uuid IS NOT NULL THEN
    SELECT * INTO c FROM conversations
    WHERE uuid = p_conversation_uuid AND workspace_id = p_workspace_id FOR UPDATE;
  END IF;
  RETURN c;
END $$;
