-- Processes cache who a token's user or widget chatbot is (server/auth/identity-cache.ts).
-- Any change that could revoke or narrow access (a role, a workspace, a deletion, including
-- a workspace's cascade) announces the key on commit, whichever code or tool made it.
CREATE FUNCTION notify_auth_invalidation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('auth_invalidate', TG_ARGV[0] || ':' || OLD.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_auth_invalidation AFTER UPDATE OF role, workspace_id OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_auth_invalidation('user');
--> statement-breakpoint
CREATE TRIGGER chatbots_auth_invalidation AFTER UPDATE OF workspace_id OR DELETE ON chatbots
  FOR EACH ROW EXECUTE FUNCTION notify_auth_invalidation('chatbot');
