-- Group commit for the ordinary send (called by server/services/messages/accept-batch.ts). A
-- visitor's messages that arrive while earlier ones are being written are accepted together:
-- one statement, one transaction, one commit for all of them, each exactly as accept_message
-- accepts it alone. A commit with NOTIFY takes a
-- database-wide lock until its WAL is flushed, so single-message transactions queue behind one
-- another's flushes; and a transaction's own cost (the protocol round, the commit record,
-- snapshot and locks) was about half of the PostgreSQL CPU per message (1.2 to 1.3 ms alone,
-- 0.6 to 0.7 ms ten to a statement: issue 5, docs/performance.md).
--
-- p_items: a JSON array of accept_message's arguments by name (workspaceId, chatbotId,
-- chatbotUuid, conversationId, conversationUuid, externalUserId, channel, widgetChatbotId,
-- agentUserId, content, metadata). Answers accept_message's row for each item it wrote, with
-- the item's position (from 1); an item it declines answers nothing. Items are written in the
-- order of the conversations' ids (the order given within one conversation), so two batches
-- lock the conversations they share in the same order and cannot deadlock on them. One item's
-- error rolls the whole statement back: the caller then accepts each one alone. An item
-- without every argument is an error, not an item with fewer restrictions.
--
-- The conversations' row locks are all taken first, in id order, before anything is written.
-- p_lock_wait_ms bounds that wait (lock_timeout, then put back): a conversation some other
-- transaction holds for long fails its batch (55P03) instead of stalling it, and such a batch
-- has written nothing, not even an event's id: a hole in the events' ids holds the realtime
-- hubs back while its writer may still be open (server/realtime/hub.ts). NULL waits as long
-- as it takes.
--
-- p_claim: a dispatcher of the caller's process with free places, which takes each new turn at
-- once (open_bot_turn). The turns are then opened after every message is written, one per
-- conversation with its newest message, so the claims' advisory lock a take holds to the
-- commit is held for the takes alone, not for the rest of the batch (while it is held, the
-- other lane's takes fall back to announcing, and their claims queue behind it). A turn taken
-- answers a row of its own: the item of its conversation's newest message, no message, and
-- `turn` (what it took); every other row's `turn` is NULL.
create or replace function accept_messages(
  p_items jsonb,
  p_lock_wait_ms integer,
  p_claim jsonb default null
) returns table (item integer, chatbot_uuid uuid, message jsonb, conversation jsonb,
  turn jsonb)
  language plpgsql as $$
DECLARE
  n integer;
  v jsonb;
  ids integer[];
  todo integer[];
  wait_before text := current_setting('lock_timeout');
  done record;
  deferred jsonb := CASE WHEN p_claim IS NOT NULL THEN p_claim || '{"deferred": true}' END;
  opened_conversations integer[] := '{}';
  newest_messages integer[] := '{}';
  newest_items integer[] := '{}';
  k integer;
  taken jsonb;
BEGIN
  IF p_lock_wait_ms IS NOT NULL THEN
    PERFORM set_config('lock_timeout', p_lock_wait_ms || 'ms', true);
  END IF;
  IF jsonb_array_length(p_items) = 1 THEN
    -- A lone message (most, below a few dozen a second): its conversation's lock is all there
    -- is to order, taken by what the item names.
    v := p_items -> 0;
    todo := ARRAY[1];
    PERFORM lock_named_conversation((v->>'workspaceId')::integer,
      (v->>'conversationId')::integer, (v->>'conversationUuid')::uuid);
  ELSE
    -- Each item's conversation, resolved once: the locks to take, and the items' order (by
    -- conversation, then as given; an item naming none comes last and is declined).
    SELECT array_agg(DISTINCT r.id) FILTER (WHERE r.id IS NOT NULL),
      array_agg(x.n::integer ORDER BY r.id, x.n)
    INTO ids, todo
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS x(v, n)
      -- Each key looked up on its own index (lock_named_conversation says why not with OR).
      CROSS JOIN LATERAL (
        SELECT coalesce(
          (SELECT c.id FROM conversations c WHERE c.id = (x.v->>'conversationId')::integer
            AND c.workspace_id = (x.v->>'workspaceId')::integer),
          (SELECT c.id FROM conversations c WHERE c.uuid = (x.v->>'conversationUuid')::uuid
            AND c.workspace_id = (x.v->>'workspaceId')::integer)) AS id
      ) r;
    PERFORM 1 FROM conversations WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  END IF;
  IF p_lock_wait_ms IS NOT NULL THEN
    PERFORM set_config('lock_timeout', wait_before, true);
  END IF;

  FOREACH n IN ARRAY coalesce(todo, '{}') LOOP
    v := p_items -> (n - 1);
    IF NOT v ?& ARRAY['workspaceId', 'chatbotId', 'chatbotUuid', 'conversationId',
      'conversationUuid', 'externalUserId', 'channel', 'widgetChatbotId', 'agentUserId',
      'content', 'metadata'] THEN
      RAISE EXCEPTION 'accept_messages: item % lacks an argument', n
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR done IN SELECT a.chatbot_uuid, a.message, a.conversation, a.turn
    FROM accept_message(
      (v->>'workspaceId')::integer,
      (v->>'chatbotId')::integer,
      (v->>'chatbotUuid')::uuid,
      (v->>'conversationId')::integer,
      (v->>'conversationUuid')::uuid,
      v->>'externalUserId',
      (v->>'channel')::channel,
      (v->>'widgetChatbotId')::integer,
      (v->>'agentUserId')::integer,
      v->'content',
      v->'metadata',
      deferred) a
    LOOP
      RETURN QUERY SELECT n, done.chatbot_uuid, done.message, done.conversation, done.turn;
      IF deferred IS NOT NULL THEN
        -- Items come by conversation: a conversation's newest message is its last item.
        k := array_length(opened_conversations, 1);
        IF k IS NOT NULL AND opened_conversations[k] = (done.conversation->>'id')::integer THEN
          newest_messages[k] := (done.message->>'id')::integer;
          newest_items[k] := n;
        ELSE
          opened_conversations := opened_conversations || (done.conversation->>'id')::integer;
          newest_messages := newest_messages || (done.message->>'id')::integer;
          newest_items := newest_items || n;
        END IF;
      END IF;
    END LOOP;
  END LOOP;

  FOR k IN 1 .. coalesce(array_length(opened_conversations, 1), 0) LOOP
    taken := open_bot_turn(opened_conversations[k], newest_messages[k], p_claim);
    IF taken IS NOT NULL AND taken <> '{}'::jsonb THEN
      RETURN QUERY SELECT newest_items[k], NULL::uuid, NULL::jsonb, NULL::jsonb, taken;
    END IF;
  END LOOP;
END $$;
