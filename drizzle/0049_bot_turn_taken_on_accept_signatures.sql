-- accept_message, accept_messages and open_bot_turn take p_claim, a dispatcher of the caller's
-- process that takes a new turn in the accept statement (issue 19, docs/performance.md "CPU per
-- message"), and answer what it took: a new signature and result, which `create or replace`
-- cannot give an existing function. The old ones go here; the next migration (generated from
-- server/db/functions) creates the new.
DROP FUNCTION accept_messages(jsonb, integer);
--> statement-breakpoint
DROP FUNCTION accept_message(integer, integer, uuid, integer, uuid, text, channel, integer, integer, jsonb, jsonb);
--> statement-breakpoint
DROP FUNCTION open_bot_turn(integer, integer);
