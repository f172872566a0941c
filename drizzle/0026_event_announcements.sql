-- Every outbox event announced when its transaction commits, as the hubs dispatch it
-- (server/db/functions/announce_event.sql; the function comes with migration 0024).
CREATE CONSTRAINT TRIGGER events_announce AFTER INSERT ON events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION announce_event();
