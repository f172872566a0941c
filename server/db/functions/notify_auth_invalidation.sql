-- Trigger function: processes cache who a token's user or widget chatbot is
-- (server/auth/identity-cache.ts). Any change that could revoke or narrow access (a role, a
-- workspace, a chatbot's widget_sessions_after, a deletion, including a workspace's cascade)
-- announces `<kind>:<id>` on the auth_invalidate channel at commit, whichever code or tool made
-- it. TG_ARGV[0] is the kind ('user', 'chatbot'); the triggers that call it are in migrations
-- 0008 and 0014.
create or replace function notify_auth_invalidation() returns trigger
  language plpgsql as $$
BEGIN
  PERFORM pg_notify('auth_invalidate', TG_ARGV[0] || ':' || OLD.id);
  RETURN NULL;
END $$;
