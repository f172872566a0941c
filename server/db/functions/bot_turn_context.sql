-- What the model needs to answer a bot turn, in one statement instead of four (the CPU per
-- answered message is the pipeline's bound: issue 19, docs/performance.md): the conversation
-- and its chatbot as rows, the newest p_history messages up to the turn's newest customer
-- message (oldest first: who wrote it, its content and its operator's name, all the model's
-- turns are made of, not the whole row), the conversation's variables, and
-- whether anyone (the bot or an operator) has answered in it yet. Read by
-- server/services/bot-turns/context.ts; answers no row when the conversation is gone. The
-- chatbot's row carries more keys, has_knowledge and has_tools (a linked collection, an
-- enabled custom tool), so a turn of a chatbot with neither asks nothing more (two statements
-- a message less), and flow (issue 21): the version the conversation is on, else the one its
-- chatbot has published (pinned by the first step the flow saves), its graph, the workspace's
-- time zone and business hours, and the customer's messages no step has read yet (after
-- flow_state's lastMessageId, up to the turn's newest; at most 20, the newest), or null. They
-- ride on the row because the function's columns are its signature.
create or replace function bot_turn_context(
  p_conversation_id integer,
  p_message_id integer,
  p_history integer
) returns table (conversation jsonb, chatbot jsonb, history jsonb, variables jsonb,
  answered_before boolean)
  language sql stable as $$
  SELECT to_jsonb(c),
    CASE WHEN b.id IS NOT NULL THEN to_jsonb(b) || jsonb_build_object(
      'has_knowledge', EXISTS (SELECT 1 FROM chatbot_knowledge k WHERE k.chatbot_id = b.id),
      'has_tools', EXISTS (SELECT 1 FROM chatbot_tools t WHERE t.chatbot_id = b.id AND t.enabled),
      'flow', (SELECT jsonb_build_object('versionId', v.id, 'graph', v.graph,
        'timeZone', w.time_zone, 'businessHours', w.business_hours,
        'messages', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', n.id,
            'content', n.content) ORDER BY n.id), '[]'::jsonb) FROM (
          SELECT m.id, m.content FROM messages m
          WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.id <= p_message_id
            AND m.id > coalesce((c.flow_state->>'lastMessageId')::integer, 0)
          ORDER BY m.id DESC LIMIT 20) n))
        FROM flow_versions v JOIN workspaces w ON w.id = v.workspace_id
        WHERE v.id = coalesce(c.flow_version_id,
          (SELECT f.published_version_id FROM flows f WHERE f.chatbot_id = b.id))))
    END,
    (SELECT coalesce(jsonb_agg(h.item ORDER BY h.id), '[]'::jsonb) FROM (
      SELECT m.id, jsonb_build_object('origin', m.origin, 'content', m.content,
        'operatorName', u.name) AS item
      FROM messages m LEFT JOIN users u ON u.id = m.sender_user_id
      WHERE m.conversation_id = c.id AND m.id <= p_message_id
      ORDER BY m.id DESC LIMIT p_history
    ) h),
    (SELECT coalesce(jsonb_agg(jsonb_build_array(v.key, v.value) ORDER BY v.id), '[]'::jsonb)
      FROM conversation_variables v WHERE v.conversation_id = c.id),
    EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id
      AND a.origin IN ('bot', 'operator') AND a.id < p_message_id)
  FROM conversations c LEFT JOIN chatbots b ON b.id = c.chatbot_id
  WHERE c.id = p_conversation_id
$$;
