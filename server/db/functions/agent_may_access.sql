-- Seed 003's access rule for agents: an agent may act on their own conversations, unassigned ones
-- and those a bot handles. p_agent_user_id NULL is a caller the rule does not limit (supervisors,
-- admins, widgets). Called by accept_message; the TypeScript side is canAccess and
-- agentAccessFilter (server/services/conversations/access.ts), held equal to this function by
-- tests/access-rule.test.ts over every role and assignment. Never NULL: each term is decided.
create or replace function agent_may_access(
  p_agent_user_id integer,
  p_assigned_user_id integer,
  p_assigned_bot_id integer
) returns boolean
  language sql immutable parallel safe as $$
  SELECT p_agent_user_id IS NULL
    OR p_assigned_user_id IS NULL
    OR p_assigned_user_id = p_agent_user_id
    OR p_assigned_bot_id IS NOT NULL
$$;
