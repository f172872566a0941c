-- A customer's message for the bot: opens the conversation's turn, or joins the one already
-- open (waiting for a model slot, or running: its generation moves on, and the worker running
-- it starts over with the new message, so a burst of short lines gets one reply). Called in the
-- transaction that writes the message, by accept_message and acceptInbound
-- (server/services/messages/inbound.ts), under the conversation's row lock, so a conversation's
-- messages join its turn one at a time. The bot answers only as botIsAnswering
-- (server/services/bot-turns/answering.ts) and bot_answers say: an active conversation a bot
-- handles, no human on it, its chatbot's AI on or a flow to walk; otherwise nothing is opened
-- and NULL is answered. The announcement on channel bot_turns (the conversation's id) goes out
-- at commit and wakes the workers' dispatchers (server/jobs/bot-turns/dispatcher.ts), which
-- claim the turn (claim_bot_turns); '{}' is answered.
--
-- p_claim: a dispatcher in the caller's process with a free place ({owner, provider,
-- providerLimit, chatbotLimit, history}, server/services/bot-turns/turns.ts), or NULL. A new
-- turn is then taken for it at once, as claim_bot_turns would: running under its owner, the
-- typing indicator started, and answered with what the model needs (the turn and
-- bot_turn_context's columns, by name) instead of announced, so the claim costs no statement,
-- transaction or wake-up of its own (issue 19: the CPU per answered message). Only when the
-- claim could not wait for anything: the claims' advisory lock is free at once
-- (pg_try_advisory_xact_lock: the accept does not queue behind a claim), and the provider's
-- and the chatbot's places over every process hold the running turns, the waiting ones (which
-- go first) and this one. Otherwise the turn is announced and waits, as without p_claim.
create or replace function open_bot_turn(
  p_conversation_id integer,
  p_message_id integer,
  p_claim jsonb default null
) returns jsonb
  language plpgsql as $$
DECLARE
  c conversations;
  t bot_turns;
  taken jsonb;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = p_conversation_id;
  IF NOT FOUND THEN
    RETURN NULL;
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
    RETURN NULL;
  END IF;
  -- The turns that wait (due now) count as running: taking this one leaves them their places.
  IF p_claim IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM bot_turns o WHERE o.conversation_id = c.id)
    AND pg_try_advisory_xact_lock(hashtext('claim_bot_turns'))
    AND (SELECT count(*) FROM bot_turns r WHERE r.state = 'running'
      AND r.provider = p_claim->>'provider')
      + (SELECT count(*) FROM (SELECT 1 FROM bot_turns w
        WHERE w.state = 'waiting' AND w.run_after <= now()
        LIMIT (p_claim->>'providerLimit')::integer) due) < (p_claim->>'providerLimit')::integer
    AND (SELECT count(*) FROM bot_turns r WHERE r.chatbot_id = c.chatbot_id
      AND (r.state = 'running' OR r.run_after <= now())) < (p_claim->>'chatbotLimit')::integer
  THEN
    INSERT INTO bot_turns (conversation_id, workspace_id, chatbot_id, message_id, state, owner,
      provider, attempts, started_at)
    VALUES (c.id, c.workspace_id, c.chatbot_id, p_message_id, 'running', p_claim->>'owner',
      p_claim->>'provider', 1, now())
    ON CONFLICT (conversation_id) DO NOTHING
    RETURNING * INTO t;
    IF t.conversation_id IS NOT NULL THEN
      PERFORM announce_typing(c.id, true);
      SELECT jsonb_build_object('turn', to_jsonb(t), 'conversation', x.conversation,
          'chatbot', x.chatbot, 'history', x.history, 'variables', x.variables,
          'answered_before', x.answered_before)
        INTO taken
      FROM bot_turn_context(c.id, p_message_id, (p_claim->>'history')::integer) x;
      RETURN taken;
    END IF;
  END IF;
  INSERT INTO bot_turns (conversation_id, workspace_id, chatbot_id, message_id)
  VALUES (c.id, c.workspace_id, c.chatbot_id, p_message_id)
  ON CONFLICT (conversation_id) DO UPDATE SET
    message_id = greatest(bot_turns.message_id, excluded.message_id),
    generation = bot_turns.generation + 1;
  PERFORM pg_notify('bot_turns', c.id::text);
  RETURN '{}'::jsonb;
END $$;
