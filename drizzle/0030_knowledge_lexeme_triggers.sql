-- knowledge_lexemes and each collection's passage_count follow every statement that writes
-- passages (server/db/functions/count_passage_lexemes.sql, created by migration 0029).
CREATE TRIGGER knowledge_passages_counted_in AFTER INSERT ON knowledge_passages
  REFERENCING NEW TABLE AS new_passages
  FOR EACH STATEMENT EXECUTE FUNCTION count_passage_lexemes();--> statement-breakpoint
CREATE TRIGGER knowledge_passages_counted_out AFTER DELETE ON knowledge_passages
  REFERENCING OLD TABLE AS old_passages
  FOR EACH STATEMENT EXECUTE FUNCTION count_passage_lexemes();--> statement-breakpoint
CREATE TRIGGER knowledge_passages_counted_again AFTER UPDATE ON knowledge_passages
  REFERENCING OLD TABLE AS old_passages NEW TABLE AS new_passages
  FOR EACH STATEMENT EXECUTE FUNCTION count_passage_lexemes();
