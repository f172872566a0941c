-- The bot's reply to a turn, saved once, in one statement (the save was seven round trips, and
-- round trips are most of the CPU per answered message: issue 19, docs/performance.md). Called
-- by server/services/bot-turns/save.ts with what the model answered, its tools' calls already
-- checked there. Under the conversation's row lock (which every message joining the turn takes
-- first) and then the turn's, so the turn can be neither joined nor given back meanwhile:
--   lost     the turn is gone or no longer p_owner's (freed as a dead worker's, or answered);
--   stale    a message joined after the model was asked (the generation moved on): ask again;
--   dropped  the bot no longer answers (a human took over, the AI was turned off, the
--            conversation ended; a fallback is still saved unless it ended): the turn ends;
--   saved    the variables (save_bot_variables), the reply (write_bot_message), the handoff
--            (hand_off_to_humans), the turn's end.
-- Typing stops in every case but stale (announce_typing, after the reply's event).
-- p_activities: the custom tools the model called for this reply, each a 'bot:tool_call' event
-- (agents' streams only: the widget gateway maps no such frame), written before the reply and
-- also when the reply is dropped, since the calls were made; not for lost or stale.
create or replace function save_bot_reply(
  p_conversation_id integer,
  p_owner text,
  p_generation integer,
  p_fallback boolean,
  p_text text,
  p_metadata jsonb,
  p_variables jsonb,
  p_handoff_reason text,
  p_queue text,
  p_activities jsonb
) returns table (outcome text, message jsonb)
  language plpgsql as $$
DECLARE
  c conversations;
  t bot_turns;
  answering boolean;
  reply jsonb;
  v jsonb;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  SELECT * INTO t FROM bot_turns
  WHERE conversation_id = p_conversation_id AND owner = p_owner FOR UPDATE;
  IF c.id IS NULL OR t.conversation_id IS NULL THEN
    RETURN QUERY SELECT 'lost', NULL::jsonb;
    RETURN;
  END IF;
  IF t.generation <> p_generation THEN
    RETURN QUERY SELECT 'stale', NULL::jsonb;
    RETURN;
  END IF;
  DELETE FROM bot_turns WHERE conversation_id = t.conversation_id;
  FOR v IN SELECT * FROM jsonb_array_elements(coalesce(p_activities, '[]'::jsonb)) LOOP
    PERFORM append_event(c.workspace_id, 'bot:tool_call', c.id, v);
  END LOOP;
  -- The rule of botIsAnswering (server/services/bot-turns/answering.ts) and open_bot_turn:
  -- bot_answers, which also lets a flow's ai node be answered with the chatbot's AI off.
  answering := bot_answers(c);
  IF (p_fallback AND c.status = 'ended') OR (NOT p_fallback AND NOT answering) THEN
    PERFORM announce_typing(c.id, false);
    RETURN QUERY SELECT 'dropped', NULL::jsonb;
    RETURN;
  END IF;

  PERFORM save_bot_variables(c, p_variables);
  IF p_text IS NOT NULL AND p_text <> '' THEN
    reply := write_bot_message(c, 'text', jsonb_build_object('text', p_text), p_metadata,
      t.message_id, p_queue);
  END IF;
  IF p_handoff_reason IS NOT NULL THEN
    PERFORM hand_off_to_humans(c, p_handoff_reason,
      jsonb_build_object('reason', p_handoff_reason));
  END IF;
  PERFORM announce_typing(c.id, false);
  RETURN QUERY SELECT 'saved', reply;
END $$;
