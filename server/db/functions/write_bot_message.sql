-- A bot message (a model's reply, a flow step's message), written as its channel needs it: a
-- widget's as sent (no provider carries it: the gateway pushes it to the visitor's socket),
-- another channel's pending with its outgoing-message job on p_queue, the conversation's, so a
-- conversation's messages go out in order. Called by save_bot_reply and save_flow_step, under
-- the conversation's row lock they hold. Returns the message as write_message presents it.
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
  widget boolean := c.channel = 'WIDGET';
  m jsonb;
BEGIN
  SELECT w.message INTO m FROM write_message(c.id, false, 'outbound', 'bot', p_type, p_content,
    p_metadata, NULL, NULL, p_reply_to_message_id,
    CASE WHEN widget THEN 'sent'::delivery_status END,
    CASE WHEN NOT widget THEN 'outgoing-message' END,
    CASE WHEN NOT widget THEN p_queue END) w;
  RETURN m;
END $$;
