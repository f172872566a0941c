-- The copilot for agents (server/db/schema/copilot.ts, issue 20): the summary the model writes
-- for the agents when the bot hands a conversation over, one per handoff. Its own table, never
-- a conversations column: conversation rows reach customer-facing exits, this must not.
CREATE TABLE "handoff_summaries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"workspace_id" integer NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"conversation_id" integer NOT NULL REFERENCES "conversations"("id") ON DELETE cascade,
	"handoff_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoff_summaries_one_per_handoff" UNIQUE("conversation_id","handoff_at")
);
