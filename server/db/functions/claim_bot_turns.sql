-- Hands waiting bot turns to one worker's dispatcher (server/jobs/bot-turns/dispatcher.ts):
-- marks them running under p_owner (an id that beats in worker_heartbeats, so a dead owner's
-- turns are freed by server/jobs/recovery.ts), starts the bot's typing indicator in each, and
-- answers each turn with what the model needs (bot_turn_context, p_history messages): one
-- statement from the announcement to the model call. At most p_max, and never more
-- than p_provider_limit running on the provider p_provider, nor p_chatbot_limit on one chatbot,
-- counted over every process: claims take a transaction-level advisory lock, so two
-- dispatchers cannot both fill the last place. The chatbots share the places in turns (each
-- one's oldest first, then each one's second...), so one busy bot cannot starve the others. A
-- turn that waits past a limit stays in the table: nothing is dropped.
create or replace function claim_bot_turns(
  p_owner text,
  p_provider text,
  p_provider_limit integer,
  p_chatbot_limit integer,
  p_max integer,
  p_history integer
) returns table (turn jsonb, conversation jsonb, chatbot jsonb, history jsonb, variables jsonb,
  answered_before boolean)
  language plpgsql as $$
DECLARE
  room integer;
  claimed bot_turns;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('claim_bot_turns'));
  SELECT p_provider_limit - count(*) INTO room FROM bot_turns
  WHERE state = 'running' AND provider = p_provider;
  room := least(room, p_max);
  IF room <= 0 THEN
    RETURN;
  END IF;
  FOR claimed IN
  WITH busy AS (
    SELECT t.chatbot_id, count(*)::integer AS n FROM bot_turns t
    WHERE t.state = 'running' GROUP BY t.chatbot_id
  ), oldest AS (
    -- The oldest waiting turns only: a long backlog is not ranked whole on every claim.
    SELECT t.conversation_id, t.chatbot_id, t.opened_at FROM bot_turns t
    WHERE t.state = 'waiting' AND t.run_after <= now()
    ORDER BY t.opened_at LIMIT greatest(room * 4, 256)
  ), ranked AS (
    SELECT o.conversation_id, o.opened_at,
      row_number() OVER (PARTITION BY o.chatbot_id ORDER BY o.opened_at) AS place,
      coalesce(b.n, 0) AS running
    FROM oldest o LEFT JOIN busy b ON b.chatbot_id = o.chatbot_id
  ), chosen AS (
    SELECT r.conversation_id FROM ranked r
    WHERE r.place + r.running <= p_chatbot_limit
    ORDER BY r.place + r.running, r.opened_at LIMIT room
  )
  UPDATE bot_turns u SET state = 'running', owner = p_owner, provider = p_provider,
    attempts = u.attempts + 1, started_at = now()
  FROM chosen WHERE u.conversation_id = chosen.conversation_id
  RETURNING u.*
  LOOP
    PERFORM announce_typing(claimed.conversation_id, true);
    RETURN QUERY SELECT to_jsonb(claimed), x.conversation, x.chatbot, x.history, x.variables,
      x.answered_before
    FROM bot_turn_context(claimed.conversation_id, claimed.message_id, p_history) x;
  END LOOP;
END $$;
