-- Every job is added through enqueue_job, which calls graphile_worker.add_job with custom
-- plans. add_job delegates to add_jobs, a PL/pgSQL function whose statements PostgreSQL caches
-- per connection; after five calls it may switch to a generic plan, and the generic plan of
-- add_jobs' "clear the key of a running job with the same key" update scans the whole jobs
-- table (it cannot see that the key is NULL). Measured on this machine (issue 5,
-- docs/benchmarks.md): add_job cost 0.7 ms of PostgreSQL CPU with an empty jobs table and 4.7 ms
-- with 20,000 jobs waiting, so every accepted message got slower exactly when a backlog built
-- up; through enqueue_job it costs 0.8 ms either way. graphile-worker's advice is to add jobs
-- through a function of one's own that calls add_job; this is that function.
CREATE FUNCTION enqueue_job(
  p_task text,
  p_payload json,
  p_queue_name text,
  p_run_at timestamptz,
  p_max_attempts integer,
  p_job_key text
) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  PERFORM graphile_worker.add_job(p_task, p_payload, queue_name => p_queue_name,
    run_at => p_run_at, max_attempts => p_max_attempts, job_key => p_job_key);
END $$;
--> statement-breakpoint
-- write_message as in migration 0010, adding its jobs through enqueue_job.
CREATE OR REPLACE FUNCTION write_message(
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
--> statement-breakpoint
-- Seed 001 POST /messages/send into a conversation the caller names, in one statement (its own
-- transaction when the caller has none): the chatbot, the conversation's row lock, and
-- write_message with the `incoming-message` job on the conversation's queue. It writes only in
-- the ordinary case: the chatbot and the conversation exist in the workspace, the conversation is
-- the same thread (chatbot, external user, channel), is not ended, and the caller may act on it.
-- Otherwise it answers no row and writes nothing, and server/services/messages/send.ts takes the
-- general path (errors, or a new conversation after an ended one). Issue 5: the accept path had
-- five statements (begin, chatbot, FOR UPDATE, write_message, commit); docs/benchmarks.md.
--
-- p_widget_chatbot_id: a widget caller's own chatbot (the named one must be it), else NULL.
-- p_agent_user_id: an agent who sees only their own, unassigned and bot-handled conversations
-- (server/services/conversations/access.ts, canAccess), else NULL (supervisors, widgets).
-- p_queue_prefix: the conversation's job queue is p_queue_prefix || id (jobs/enqueue.ts).
CREATE FUNCTION accept_message(
  p_workspace_id integer,
  p_chatbot_id integer,
  p_chatbot_uuid uuid,
  p_conversation_id integer,
  p_conversation_uuid uuid,
  p_external_user_id text,
  p_channel channel,
  p_widget_chatbot_id integer,
  p_agent_user_id integer,
  p_content jsonb,
  p_metadata jsonb,
  p_queue_prefix text
) RETURNS TABLE (chatbot_uuid uuid, message jsonb, conversation jsonb) LANGUAGE plpgsql AS $$
DECLARE
  b chatbots;
  c conversations;
BEGIN
  SELECT * INTO b FROM chatbots
  WHERE workspace_id = p_workspace_id
    AND (id = p_chatbot_id OR uuid = p_chatbot_uuid);
  IF NOT FOUND OR b.id IS DISTINCT FROM coalesce(p_widget_chatbot_id, b.id) THEN
    RETURN;
  END IF;

  SELECT * INTO c FROM conversations
  WHERE workspace_id = p_workspace_id AND kind = 'customer'
    AND (id = p_conversation_id OR uuid = p_conversation_uuid)
  FOR UPDATE;
  IF NOT FOUND
    OR c.chatbot_id IS DISTINCT FROM b.id
    OR c.external_user_id IS DISTINCT FROM p_external_user_id
    OR c.channel IS DISTINCT FROM p_channel
    OR c.status = 'ended'
    OR (p_agent_user_id IS NOT NULL AND c.assigned_user_id IS NOT NULL
        AND c.assigned_user_id <> p_agent_user_id AND c.assigned_bot_id IS NULL)
  THEN
    RETURN;
  END IF;

  RETURN QUERY SELECT b.uuid, w.message, w.conversation
  FROM write_message(c.id, false, 'inbound', 'client', 'text', p_content, p_metadata,
    NULL, NULL, NULL, NULL, 'incoming-message', p_queue_prefix || c.id) w;
END $$;
