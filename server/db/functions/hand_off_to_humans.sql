-- The bot hands a conversation to people (a model's handoff, a flow's handoff node): the bot
-- lets go, the reason is kept for the agents, the `conversation:handoff` event (p_event, what
-- the caller knows of it) is announced, auto-assignment looks for an agent, and the agents'
-- summary of what happened so far is prepared (server/jobs/tasks/handoff-summary.ts, on one
-- queue so model calls hold at most one job slot; keyed, so one job per conversation). Called
-- by save_bot_reply and save_flow_step, under the conversation's row lock they hold.
create or replace function hand_off_to_humans(c conversations, p_reason text, p_event jsonb)
  returns void
  language plpgsql as $$
BEGIN
  UPDATE conversations SET assigned_bot_id = NULL, handoff_at = now(),
    handoff_reason = left(p_reason, 500), updated_at = now()
  WHERE id = c.id;
  PERFORM append_event(c.workspace_id, 'conversation:handoff', c.id, p_event);
  PERFORM enqueue_job('auto-assign', json_build_object('workspaceId', c.workspace_id), NULL,
    NULL, 3, 'auto-assign:' || c.workspace_id);
  PERFORM enqueue_job('handoff-summary', json_build_object('conversationId', c.id),
    'handoff-summaries', NULL, 5, 'handoff-summary:' || c.id);
END $$;
