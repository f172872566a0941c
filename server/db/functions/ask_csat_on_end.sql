-- The customer satisfaction survey is asked here, and only here (docs/dashboard.md, CSAT): the
-- trigger conversations_ask_csat_on_end calls it for every row whose status becomes 'ended',
-- whoever ends it (an agent or the API through lifecycle.ts, the idle close, a flow's end node
-- in save_flow_step, a seed contract), in the transaction that ends it. Asked once per
-- conversation (csat_responses.conversation_id is unique): a reopened conversation ended again
-- is not asked twice.
--
-- Asked when the chatbot's survey is on (chatbots.csat_enabled) and the customer wrote at least
-- once (last_contact_message_at). On the widget the row is all: the widget asks inline. On
-- WhatsApp only while the 24-hour window is open, and the `csat-prompt` job sends the list in
-- the chatbot's language (server/services/csat/prompt.ts), after whatever the conversation's
-- queue holds already (a flow's goodbye); with the window closed nothing is asked. Other
-- channels have no way to ask.
create or replace function ask_csat_on_end() returns trigger
  language plpgsql as $$
DECLARE
  asked integer;
BEGIN
  IF NEW.kind <> 'customer' OR NEW.chatbot_id IS NULL OR NEW.last_contact_message_at IS NULL
    OR NEW.channel IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM chatbots b WHERE b.id = NEW.chatbot_id AND b.csat_enabled) THEN
    RETURN NULL;
  END IF;
  IF NEW.channel = 'WIDGET' THEN
    NULL;
  ELSIF is_whatsapp_channel(NEW.channel) THEN
    IF NEW.csw_expires_at IS NULL OR NEW.csw_expires_at <= now() THEN
      RETURN NULL;
    END IF;
  ELSE
    RETURN NULL;
  END IF;

  INSERT INTO csat_responses (workspace_id, conversation_id, chatbot_id, user_id, channel)
  VALUES (NEW.workspace_id, NEW.id, NEW.chatbot_id, NEW.assigned_user_id, NEW.channel)
  ON CONFLICT (conversation_id) DO NOTHING
  RETURNING id INTO asked;

  IF asked IS NOT NULL AND NEW.channel <> 'WIDGET' THEN
    PERFORM enqueue_job('csat-prompt', json_build_object('conversationId', NEW.id),
      'conversation:' || NEW.id, NULL, 10, 'csat-prompt:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;
