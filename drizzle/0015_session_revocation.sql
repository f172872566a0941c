-- A login (one family of refresh tokens) is live while one of its tokens is unrevoked; access
-- tokens name their login (`sid`), and processes cache whether it is live
-- (server/auth/authenticate.ts). Revoking a family (logout, a reused refresh token, a password
-- change) or deleting its last live rows announces `session:<family id>` on commit, whichever
-- code or tool made the change, so its access tokens and sockets end at once.
CREATE FUNCTION notify_session_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('auth_invalidate', 'session:' || OLD.family_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER refresh_tokens_session_revocation AFTER UPDATE OF revoked_at ON refresh_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION notify_session_revocation();
--> statement-breakpoint
CREATE TRIGGER refresh_tokens_session_deletion AFTER DELETE ON refresh_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL)
  EXECUTE FUNCTION notify_session_revocation();
--> statement-breakpoint
-- A password change revokes every live login of the user.
CREATE INDEX refresh_tokens_user_live_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
