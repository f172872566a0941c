-- A customer's message for the bot: opens the conversation's turn, or joins the one already
-- open (waiting for a model slot, or running: its generation moves on, and the worker running
-- it starts over with the new message, so a burst of short lines gets one reply). Called in the
-- transaction that writes the message, by accept_message and acceptInbound
-- (server/services/messages/inbound.ts), under the conversation's row lock, so a conversation's
-- messages join its turn one at a time. The bot answers only as botIsAnswering
-- (server/services/bot-turns/answering.ts) and bot_answers say: an active conversation a bot
-- handles, no human on it, its chatbot's AI on or a flow to walk; otherwise nothing is opened
-- and false is answered. The announcement on
-- channel bot_turns (the conversation's id) goes out at commit and wakes the workers'
-- dispatchers (server/jobs/bot-turns/dispatcher.ts).
create or replace function open_bot_turn(
  p_conversation_id integer,
  p_message_id integer
) returns boolean
  language plpgsql as $$
DECLARE
  c conversations;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = p_conversation_id;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  -- A chatbot with its AI off gets no bot on its new conversations (find-or-create.ts); with a
  -- published flow it walks them through the flow (issue 21), so the flow's bot takes a
  -- conversation nobody has taken or been handed yet (no human, no handoff, no flow begun).
  IF c.status = 'active' AND c.assigned_bot_id IS NULL AND c.assigned_user_id IS NULL
    AND c.handoff_at IS NULL AND c.flow_version_id IS NULL AND c.chatbot_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM flows f WHERE f.chatbot_id = c.chatbot_id
      AND f.published_version_id IS NOT NULL)
  THEN
    UPDATE conversations SET assigned_bot_id = c.chatbot_id WHERE id = c.id
    RETURNING * INTO c;
  END IF;
  -- bot_answers: the rule of botIsAnswering (its AI on, or a flow to walk).
  IF NOT bot_answers(c) THEN
    RETURN false;
  END IF;
  INSERT INTO bot_turns (conversation_id, workspace_id, chatbot_id, message_id)
  VALUES (c.id, c.workspace_id, c.chatbot_id, p_message_id)
  ON CONFLICT (conversation_id) DO UPDATE SET
    message_id = greatest(bot_turns.message_id, excluded.message_id),
    generation = bot_turns.generation + 1;
  PERFORM pg_notify('bot_turns', c.id::text);
  RETURN true;
END $$;
