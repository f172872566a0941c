-- A bot message (a model's reply, a flow step's message), written as its channel needs it: a
-- widget's as sent (no provider carries it: the gateway pushes it to the visitor's socket),
-- another channel's pending with its outgoing-message job on p_queue, the conversation's, so a
-- conversation's messages go out in order. Called by save_bot_reply and save_flow_step, under
-- the conversation's row lock they hold. Returns the message as write_message presents it.
-- The two calls spell their task as a literal: tests/queue-catalogue.test.ts reads every task
-- name the functions enqueue.
create or replace function write_bot_message(
  c conversations,
  p_type message_type,
  p_content jsonb,
  p_metadata jsonb,
  p_reply_to_message_id integer,
  p_queue text
) returns jsonb
  language plpgsql as $$
DECLARE
  m jsonb;
BEGIN
  IF c.channel = 'WIDGET' THEN
    SELECT w.message INTO m FROM write_message(c.id, false, 'outbound', 'bot', p_type,
      p_content, p_metadata, NULL, NULL, p_reply_to_message_id, 'sent', NULL, NULL) w;
  ELSE
    SELECT w.message INTO m FROM write_message(c.id, false, 'outbound', 'bot', p_type,
      p_content, p_metadata, NULL, NULL, p_reply_to_message_id, NULL, 'outgoing-message',
      p_queue) w;
  END IF;
  RETURN m;
END $$;
