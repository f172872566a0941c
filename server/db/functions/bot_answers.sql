-- Whether the bot answers conversation c: active, a bot on it, no human on it, and its chatbot
-- either answers with AI or runs a flow for it (issue 21: the conversation is on a flow version,
-- or the chatbot has one published, so a chatbot whose AI is off still walks its flow). The one
-- rule of open_bot_turn, save_bot_reply and save_flow_step; botIsAnswering
-- (server/services/bot-turns/answering.ts) is the same rule on the rows bot_turn_context reads.
create or replace function bot_answers(c conversations) returns boolean
  language sql stable as $$
  SELECT c.status = 'active' AND c.assigned_bot_id IS NOT NULL AND c.assigned_user_id IS NULL
    AND EXISTS (SELECT 1 FROM chatbots b WHERE b.id = c.chatbot_id AND (b.ai_enabled
      OR c.flow_version_id IS NOT NULL
      OR EXISTS (SELECT 1 FROM flows f WHERE f.chatbot_id = b.id
        AND f.published_version_id IS NOT NULL)))
$$;
