-- Every way a conversation ends sets its status to 'ended': the survey is asked from that one
-- place (server/db/functions/ask_csat_on_end.sql).
CREATE TRIGGER conversations_ask_csat_on_end AFTER UPDATE OF status ON conversations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM 'ended' AND NEW.status = 'ended')
  EXECUTE FUNCTION ask_csat_on_end();
