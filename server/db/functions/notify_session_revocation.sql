-- Trigger function: a login (one family of refresh tokens) is live while one of its tokens is
-- unrevoked, and processes cache whether it is (server/auth/authenticate.ts). Revoking a family
-- (logout, a reused refresh token, a password change) or deleting its last live rows announces
-- `session:<family id>` on auth_invalidate at commit, whichever code or tool made the change, so
-- its access tokens and sockets end at once. The triggers that call it are in migration 0015.
create or replace function notify_session_revocation() returns trigger
  language plpgsql as $$
BEGIN
  PERFORM pg_notify('auth_invalidate', 'session:' || OLD.family_id);
  RETURN NULL;
END $$;
