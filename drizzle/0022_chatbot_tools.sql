-- Custom HTTP tools per chatbot (server/db/schema/chatbot-tools.ts, issue 20): what the model may
-- call, with its headers' values sealed by encryptSecret (the API shows their names only).
CREATE TABLE "chatbot_tools" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE,
	"workspace_id" integer NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"chatbot_id" integer NOT NULL REFERENCES "chatbots"("id") ON DELETE cascade,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"method" text DEFAULT 'GET' NOT NULL,
	"url_template" text NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timeout_ms" integer DEFAULT 5000 NOT NULL,
	"response_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"allowed_hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chatbot_tools_name_unique" UNIQUE("chatbot_id","name"),
	CONSTRAINT "chatbot_tools_name_check" CHECK ("name" ~ '^[a-z][a-z0-9_]{0,63}$'),
	CONSTRAINT "chatbot_tools_timeout_check" CHECK ("timeout_ms" between 100 and 15000)
);
--> statement-breakpoint
CREATE INDEX "chatbot_tools_workspace_idx" ON "chatbot_tools" USING btree ("workspace_id","id");
--> statement-breakpoint
-- save_bot_reply took p_activities in 0021 (the tools' calls, written as events with the reply):
-- create or replace kept the older overload beside it.
DROP FUNCTION IF EXISTS save_bot_reply(integer, text, integer, boolean, text, jsonb, jsonb, text, text);
