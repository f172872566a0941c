-- The bot's typing indicator, announced without being stored: nothing reads it later (a
-- subscriber that resumes wants the messages it missed, not who was typing then), and storing
-- it was two outbox rows, their reads and their fan-out for every answered message (issue 19).
-- The announcement (channel inbox_signals, at commit) carries what the realtime hub would
-- otherwise read with the event: the workspace, the conversation and the fields access is
-- decided on. `after` is the outbox's newest id when it is made, so the hub passes it on only
-- once it has passed on every event before it: typing never overtakes the message it follows
-- (server/realtime/hub.ts).
create or replace function announce_typing(
  p_conversation_id integer,
  p_is_typing boolean
) returns void
  language sql as $$
  SELECT pg_notify('inbox_signals', json_build_object(
    'type', 'typing',
    'workspaceId', c.workspace_id,
    'conversationId', c.id,
    'payload', json_build_object('isTyping', p_is_typing, 'origin', 'bot'),
    'after', (SELECT last_value FROM events_id_seq),
    'conversation', json_build_object('uuid', c.uuid, 'kind', c.kind,
      'assignedUserId', c.assigned_user_id, 'assignedBotId', c.assigned_bot_id,
      'chatbotId', c.chatbot_id, 'externalUserId', c.external_user_id))::text)
  FROM conversations c WHERE c.id = p_conversation_id
$$;
