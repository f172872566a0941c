-- Variables the bot collected ([{key, value}]: a model's extraction, a flow's ask and set
-- nodes), each written with the time it was collected (seed 002's collectedAt: asked again,
-- answered again, collected now) and announced as a `conversation:variable` event. Called by
-- save_bot_reply and save_flow_step, under the conversation's row lock they hold.
create or replace function save_bot_variables(c conversations, p_variables jsonb)
  returns void
  language plpgsql as $$
DECLARE
  v jsonb;
BEGIN
  FOR v IN SELECT * FROM jsonb_array_elements(coalesce(p_variables, '[]'::jsonb)) LOOP
    INSERT INTO conversation_variables (workspace_id, conversation_id, key, value, collected_at)
    VALUES (c.workspace_id, c.id, v->>'key', v->>'value', now())
    ON CONFLICT (conversation_id, key) DO UPDATE SET value = excluded.value,
      collected_at = now(), updated_at = now();
    PERFORM append_event(c.workspace_id, 'conversation:variable', c.id,
      jsonb_build_object('key', v->>'key', 'value', v->>'value'));
  END LOOP;
END $$;
