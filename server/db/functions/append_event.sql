-- An outbox event and its announcement at commit (channel inbox_events, payload
-- "workspace:event:conversation"): the one way single events are written, by appendEvent
-- (server/services/events.ts), the delivery statuses (server/services/messages/status.ts) and
-- write_message. The realtime hubs (server/realtime/hub.ts) read events after the announcement.
create or replace function append_event(
  p_workspace_id integer,
  p_type text,
  p_conversation_id integer,
  p_payload jsonb
) returns bigint
  language plpgsql as $$
DECLARE
  event_id bigint;
BEGIN
  INSERT INTO events (workspace_id, type, conversation_id, payload)
  VALUES (p_workspace_id, p_type, p_conversation_id, p_payload)
  RETURNING id INTO event_id;
  PERFORM pg_notify('inbox_events',
    p_workspace_id || ':' || event_id || ':' || coalesce(p_conversation_id::text, ''));
  RETURN event_id;
END $$;
