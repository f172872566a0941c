-- An outbox event: the one way single events are written, by appendEvent
-- (server/services/events.ts), the delivery statuses (server/services/messages/status.ts) and
-- write_message. Its announcement goes out at commit, from the trigger events_announce
-- (announce_event), to the realtime hubs (server/realtime/hub.ts).
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
  RETURN event_id;
END $$;
