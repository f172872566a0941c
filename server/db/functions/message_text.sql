-- The readable text of a message's content: text, an interactive body's text, a caption, a
-- document's name, else ''. The same rule as shared/message-text.ts (messageText), held equal by
-- tests/inbox-json.test.ts. Used where PostgreSQL writes the JSON itself (the inbox lists of
-- server/services/conversations/bot-inbox.ts and rich-query.ts, direct chats) and for the
-- conversation's preview in write_message.
create or replace function message_text(content jsonb) returns text
  language sql immutable parallel safe as $$
  SELECT coalesce(
    CASE WHEN jsonb_typeof(content -> 'text') = 'string' THEN content ->> 'text' END,
    CASE WHEN jsonb_typeof(content -> 'body' -> 'text') = 'string'
      THEN content -> 'body' ->> 'text' END,
    CASE WHEN jsonb_typeof(content -> 'caption') = 'string' THEN content ->> 'caption' END,
    CASE WHEN jsonb_typeof(content -> 'name') = 'string' THEN content ->> 'name' END,
    '')
$$;
