-- Seed 001 POST /messages/send into a conversation the caller names, in one statement (its own
-- transaction when the caller has none): the chatbot, the conversation's row lock,
-- write_message, and the bot's turn opened or joined (open_bot_turn). Called by
-- server/services/messages/send.ts and, once per item, by accept_messages. It writes only in the
-- ordinary case: the chatbot and the conversation exist in the workspace, the conversation is
-- the same thread (chatbot, external user, channel), is not ended, and the caller may act on it
-- (agent_may_access). Otherwise it answers no row and writes nothing, and send.ts takes the
-- general path (errors, or a new conversation after an ended one). Issue 5: the accept path had
-- five statements (begin, chatbot, FOR UPDATE, write_message, commit); docs/performance.md.
-- An accepted message ends the conversation's snooze (issue 22): write_message clears
-- snoozed_until for every inbound message, on this path and every channel's.
--
-- p_widget_chatbot_id: a widget caller's own chatbot (the named one must be it), else NULL.
-- p_agent_user_id: an agent limited by agent_may_access, else NULL (supervisors, widgets).
-- p_claim: a dispatcher of the caller's process that takes a new turn at once (open_bot_turn);
-- `turn` answers what it took (the turn and its context), else NULL. With `deferred` in it, the
-- turn is left to the caller (accept_messages opens a batch's turns after its last message).
create or replace function accept_message(
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
  p_claim jsonb default null
) returns table (chatbot_uuid uuid, message jsonb, conversation jsonb, turn jsonb)
  language plpgsql as $$
DECLARE
  b chatbots;
  c conversations;
  w record;
  taken jsonb;
BEGIN
  SELECT * INTO b FROM chatbots
  WHERE workspace_id = p_workspace_id
    AND (id = p_chatbot_id OR uuid = p_chatbot_uuid);
  IF NOT FOUND OR b.id IS DISTINCT FROM coalesce(p_widget_chatbot_id, b.id) THEN
    RETURN;
  END IF;

  c := lock_named_conversation(p_workspace_id, p_conversation_id, p_conversation_uuid);
  IF c.id IS NULL OR c.kind <> 'customer'
    OR c.chatbot_id IS DISTINCT FROM b.id
    OR c.external_user_id IS DISTINCT FROM p_external_user_id
    OR c.channel IS DISTINCT FROM p_channel
    OR c.status = 'ended'
    OR NOT agent_may_access(p_agent_user_id, c.assigned_user_id, c.assigned_bot_id)
  THEN
    RETURN;
  END IF;

  SELECT * INTO w FROM write_message(c.id, false, 'inbound', 'client', 'text', p_content,
    p_metadata, NULL, NULL, NULL, NULL, NULL, NULL);
  IF NOT coalesce(p_claim ? 'deferred', false) THEN
    taken := open_bot_turn(c.id, (w.message->>'id')::integer, p_claim);
  END IF;
  RETURN QUERY SELECT b.uuid, w.message, w.conversation, nullif(taken, '{}'::jsonb);
END $$;
