-- One step of a conversation's flow (server/services/flows/run.ts), saved once, in one
-- statement, under the same locks and rules as save_bot_reply (the conversation's row, then the
-- turn's), so a retry, a crash or a message that joined meanwhile never writes a step twice:
--   lost     the turn is gone or no longer p_owner's (freed as a dead worker's, or answered);
--   stale    a message joined after the step was computed (the generation moved on): step again;
--   dropped  the bot no longer answers (bot_answers: a human took over, the conversation
--            ended, the flow was unpublished before this conversation began it): the turn ends;
--   saved    in order: the variables (save_bot_variables), the messages (p_messages: [{type,
--            content}], each by write_bot_message, the first linked to the customer's message
--            it answers), the conversation's flow version (pinned at its first step), node and
--            state, and p_stop's effect: 'handoff' to humans (hand_off_to_humans; with p_tag
--            the contact first gets the workspace's tag of that name, which tag routing offers
--            to its agents), 'end' ends the conversation; 'wait', 'ai' and 'done' change
--            nothing more.
-- p_keep_turn: the turn goes on to the model (an ai node), which saves with save_bot_reply under
-- the same generation; otherwise the turn ends here and the typing indicator stops.
create or replace function save_flow_step(
  p_conversation_id integer,
  p_owner text,
  p_generation integer,
  p_version_id integer,
  p_node_id text,
  p_state jsonb,
  p_messages jsonb,
  p_variables jsonb,
  p_stop text,
  p_reason text,
  p_tag text,
  p_keep_turn boolean,
  p_queue text
) returns table (outcome text, messages jsonb)
  language plpgsql as $$
DECLARE
  c conversations;
  t bot_turns;
  v jsonb;
  written jsonb := '[]'::jsonb;
  reply_to integer;
  meta jsonb := jsonb_build_object('responder', 'flow', 'flow',
    jsonb_build_object('versionId', p_version_id, 'nodeId', p_node_id));
BEGIN
  SELECT * INTO c FROM conversations WHERE id = p_conversation_id FOR UPDATE;
  SELECT * INTO t FROM bot_turns
  WHERE conversation_id = p_conversation_id AND owner = p_owner FOR UPDATE;
  IF c.id IS NULL OR t.conversation_id IS NULL THEN
    RETURN QUERY SELECT 'lost', NULL::jsonb;
    RETURN;
  END IF;
  IF t.generation <> p_generation THEN
    RETURN QUERY SELECT 'stale', NULL::jsonb;
    RETURN;
  END IF;
  IF NOT bot_answers(c) OR (c.flow_version_id IS NOT NULL AND c.flow_version_id <> p_version_id)
  THEN
    DELETE FROM bot_turns WHERE conversation_id = t.conversation_id;
    PERFORM announce_typing(c.id, false);
    RETURN QUERY SELECT 'dropped', NULL::jsonb;
    RETURN;
  END IF;
  IF NOT p_keep_turn THEN
    DELETE FROM bot_turns WHERE conversation_id = t.conversation_id;
    -- One bot message per answered customer message (messages_reply_unique): the step's first,
    -- unless the model answers next (an ai node): save_bot_reply links its reply.
    reply_to := t.message_id;
  END IF;

  PERFORM save_bot_variables(c, p_variables);
  FOR v IN SELECT * FROM jsonb_array_elements(coalesce(p_messages, '[]'::jsonb)) LOOP
    written := written || jsonb_build_array(write_bot_message(c, (v->>'type')::message_type,
      v->'content', meta, reply_to, p_queue));
    reply_to := NULL;
  END LOOP;

  UPDATE conversations SET flow_version_id = p_version_id, current_node_id = p_node_id,
    flow_state = p_state, updated_at = now()
  WHERE id = c.id;
  IF c.current_node_id IS DISTINCT FROM p_node_id THEN
    PERFORM append_event(c.workspace_id, 'conversation:updated', c.id,
      jsonb_build_object('currentNodeId', p_node_id, 'flowVersionId', p_version_id));
  END IF;

  IF p_stop = 'handoff' THEN
    IF p_tag IS NOT NULL AND c.contact_id IS NOT NULL THEN
      INSERT INTO contact_tags (workspace_id, contact_id, tag_id)
      SELECT c.workspace_id, c.contact_id, g.id FROM tags g
      WHERE g.workspace_id = c.workspace_id AND lower(g.name) = lower(p_tag)
      ON CONFLICT DO NOTHING;
    END IF;
    PERFORM hand_off_to_humans(c, p_reason,
      jsonb_build_object('reason', p_reason, 'tag', p_tag, 'nodeId', p_node_id));
  ELSIF p_stop = 'end' THEN
    UPDATE conversations SET status = 'ended', ended_at = now(), updated_at = now()
    WHERE id = c.id;
    PERFORM append_event(c.workspace_id, 'conversation:ended', c.id,
      jsonb_build_object('status', 'ended', 'previous', c.status, 'by', NULL, 'nodeId', p_node_id));
  END IF;
  IF NOT p_keep_turn THEN
    PERFORM announce_typing(c.id, false);
  END IF;
  RETURN QUERY SELECT 'saved', written;
END $$;
