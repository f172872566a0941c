-- An outbox event's announcement (channel inbox_events), sent by the deferred trigger
-- events_announce (migration 0025) when the event's transaction commits: the event as the
-- realtime hubs dispatch it, in the columns of their outbox read (server/realtime/event-reads.ts:
-- the conversation's assignment and, for a message event, the message, as the transaction leaves
-- them), so a hub dispatches it without reading it back (issue 19: three reads an answered
-- message). Deferred so that what the transaction changes after writing the event is in it.
-- An event too large for a notification (8,000 bytes), and every event of a transaction that
-- wrote events in bulk (appendEvents sets inbox.bulk_events and announces once), is announced
-- as "workspace:id:conversation" and read from the outbox.
create or replace function announce_event() returns trigger
  language plpgsql as $$
DECLARE
  announced text;
BEGIN
  IF current_setting('inbox.bulk_events', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT json_build_object(
      'id', NEW.id, 'workspace_id', NEW.workspace_id, 'type', NEW.type,
      'conversation_id', NEW.conversation_id, 'payload', NEW.payload,
      'created_at', NEW.created_at,
      'c_uuid', c.uuid, 'c_kind', c.kind, 'c_assigned_user_id', c.assigned_user_id,
      'c_assigned_bot_id', c.assigned_bot_id, 'c_chatbot_id', c.chatbot_id,
      'c_external_user_id', c.external_user_id,
      'm', (SELECT to_jsonb(m) FROM messages m
        WHERE NEW.type LIKE 'message:%' AND m.id = (NEW.payload->>'messageId')::int))::text
    INTO announced
    FROM (SELECT 1) one LEFT JOIN conversations c ON c.id = NEW.conversation_id;
  IF octet_length(announced) > 7900 THEN
    announced := NEW.workspace_id || ':' || NEW.id || ':' || coalesce(NEW.conversation_id::text, '');
  END IF;
  PERFORM pg_notify('inbox_events', announced);
  RETURN NULL;
END $$;
