-- A message and everything that follows from it, in one statement (server/services/messages/
-- create.ts): the insert, the conversation's counters, activity times, preview and WhatsApp
-- window, the participants' unread counts, the WhatsApp window job, the `message:created`
-- outbox event with its announcement, and optionally a job for the new message. One round
-- trip instead of five on every message (docs/benchmarks.md, issue 5). Runs in the caller's
-- transaction; `p_lock` takes the conversation's row lock first (before the message gets its
-- id, so concurrent writers update the conversation in id order), for callers that do not
-- hold it already.
-- An outbox event and its announcement at commit (channel inbox_events, payload
-- "workspace:event:conversation"): the one way single events are written, by
-- server/services/events.ts (appendEvent) and by write_message below.
CREATE FUNCTION append_event(
  p_workspace_id integer,
  p_type text,
  p_conversation_id integer,
  p_payload jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
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
--> statement-breakpoint
CREATE FUNCTION write_message(
  p_conversation_id integer,
  p_lock boolean,
  p_direction message_direction,
  p_origin message_origin,
  p_type message_type,
  p_content jsonb,
  p_metadata jsonb,
  p_sender_user_id integer,
  p_external_id text,
  p_reply_to_message_id integer,
  p_status delivery_status,
  p_job_task text,
  p_job_queue text
) RETURNS TABLE (message jsonb, conversation jsonb) LANGUAGE plpgsql AS $$
DECLARE
  c conversations;
  m messages;
  inbound boolean := p_direction = 'inbound';
  whatsapp boolean;
BEGIN
  IF p_lock THEN
    SELECT * INTO c FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  ELSE
    SELECT * INTO c FROM conversations WHERE id = p_conversation_id;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'conversation % does not exist', p_conversation_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  whatsapp := c.channel IN ('WHATSAPP_CLOUD', 'WHATSAPP_QR');

  INSERT INTO messages (workspace_id, conversation_id, integration_id, direction, origin, type,
    content, metadata, sender_user_id, external_id, reply_to_message_id, status, delivered_at)
  VALUES (c.workspace_id, c.id, c.integration_id, p_direction, p_origin, p_type, p_content,
    p_metadata, p_sender_user_id, p_external_id, p_reply_to_message_id,
    coalesce(p_status, CASE WHEN inbound THEN 'delivered' ELSE 'pending' END::delivery_status),
    CASE WHEN inbound THEN now() END)
  RETURNING * INTO m;

  -- created_at is the transaction's start, so a transaction that waited for the lock may carry
  -- an earlier time than the message before it: times only move forward (greatest skips NULL).
  UPDATE conversations SET
    last_message_at = greatest(last_message_at, m.created_at),
    last_activity_at = greatest(last_activity_at, m.created_at),
    last_message_id = m.id,
    last_message_preview = left(message_text(m.content), 200),
    message_count = message_count + 1,
    updated_at = m.created_at,
    last_contact_message_at = CASE WHEN inbound
      THEN greatest(last_contact_message_at, m.created_at) ELSE last_contact_message_at END,
    unread_count = unread_count + CASE WHEN inbound THEN 1 ELSE 0 END,
    read = read AND NOT inbound,
    csw_started_at = CASE WHEN inbound AND whatsapp
      THEN greatest(csw_started_at, m.created_at) ELSE csw_started_at END,
    csw_expires_at = CASE WHEN inbound AND whatsapp
      THEN greatest(csw_started_at, m.created_at) + interval '24 hours' ELSE csw_expires_at END
  WHERE id = c.id
  RETURNING * INTO c;

  -- Every participating agent but the author has one more message to read.
  UPDATE conversation_participants
  SET unread_count = unread_count + 1, updated_at = m.created_at
  WHERE conversation_id = c.id AND (p_sender_user_id IS NULL OR user_id <> p_sender_user_id);

  -- Tell the console when the 24-hour window closes; each inbound message moves the moment.
  IF inbound AND whatsapp THEN
    PERFORM graphile_worker.add_job('window-closed', json_build_object('conversationId', c.id),
      run_at => m.created_at + interval '24 hours', max_attempts => 5,
      job_key => 'window-closed:' || c.id);
  END IF;

  PERFORM append_event(c.workspace_id, 'message:created', c.id,
    jsonb_build_object('messageId', m.id, 'direction', m.direction, 'origin', m.origin));

  IF p_job_task IS NOT NULL THEN
    PERFORM graphile_worker.add_job(p_job_task, json_build_object('messageId', m.id),
      queue_name => p_job_queue, max_attempts => 10);
  END IF;

  RETURN QUERY SELECT to_jsonb(m), to_jsonb(c);
END $$;
