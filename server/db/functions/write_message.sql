-- A message and everything that follows from it, in one statement: the insert, the
-- conversation's counters, activity times, preview and WhatsApp window, the participants'
-- unread counts, the WhatsApp window job, the `message:created` outbox event with its
-- announcement, and optionally a job for the new message. One round trip instead of five on
-- every message (issue 5, docs/performance.md). Called by server/services/messages/create.ts,
-- server/services/events.ts and accept_message. Runs in the caller's transaction; `p_lock` takes
-- the conversation's row lock first (before the message gets its id, so concurrent writers
-- update the conversation in id order), for callers that do not hold it already.
--
-- Rules carried here: an inbound message is delivered on arrival and makes the conversation
-- unread (one more for its counter); every participating agent but the author has one more
-- message to read; an inbound WhatsApp message (is_whatsapp_channel) opens the 24-hour window
-- again and moves its `window-closed` job; an inbound message ends a snooze (snoozed_until).
create or replace function write_message(
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
) returns table (message jsonb, conversation jsonb)
  language plpgsql as $$
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
  whatsapp := is_whatsapp_channel(c.channel);

  -- A message written as sent (the widget's, which no provider carries) is sent at its insert.
  INSERT INTO messages (workspace_id, conversation_id, integration_id, direction, origin, type,
    content, metadata, sender_user_id, external_id, reply_to_message_id, status, sent_at,
    delivered_at)
  VALUES (c.workspace_id, c.id, c.integration_id, p_direction, p_origin, p_type, p_content,
    p_metadata, p_sender_user_id, p_external_id, p_reply_to_message_id,
    coalesce(p_status, CASE WHEN inbound THEN 'delivered' ELSE 'pending' END::delivery_status),
    CASE WHEN p_status = 'sent' THEN now() END,
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
    -- The customer writing brings a snoozed conversation back (issue 22).
    snoozed_until = CASE WHEN inbound THEN NULL ELSE snoozed_until END,
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
    PERFORM enqueue_job('window-closed', json_build_object('conversationId', c.id),
      NULL, m.created_at + interval '24 hours', 5, 'window-closed:' || c.id);
  END IF;

  PERFORM append_event(c.workspace_id, 'message:created', c.id,
    jsonb_build_object('messageId', m.id, 'direction', m.direction, 'origin', m.origin));

  IF p_job_task IS NOT NULL THEN
    PERFORM enqueue_job(p_job_task, json_build_object('messageId', m.id), p_job_queue, NULL, 10,
      NULL);
  END IF;

  RETURN QUERY SELECT to_jsonb(m), to_jsonb(c);
END $$;
