-- The bot's turns (server/db/schema/bot-turns.ts): a model call no longer runs in a job slot.
-- The incoming-message and ai-reply jobs are gone; those still waiting become turns (the
-- newest message of each conversation; the turn's reply answers every one before it), and the
-- functions that enqueued them lose their queue argument (their new bodies are in 0019).
CREATE TABLE "bot_turns" (
	"conversation_id" integer PRIMARY KEY NOT NULL,
	"workspace_id" integer NOT NULL,
	"chatbot_id" integer NOT NULL,
	"message_id" integer NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"owner" text,
	"provider" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	CONSTRAINT "bot_turns_state_check" CHECK ("state" in ('waiting', 'running')),
	CONSTRAINT "bot_turns_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id")
		REFERENCES "conversations"("id") ON DELETE cascade,
	CONSTRAINT "bot_turns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id")
		REFERENCES "workspaces"("id") ON DELETE cascade,
	CONSTRAINT "bot_turns_chatbot_id_chatbots_id_fk" FOREIGN KEY ("chatbot_id")
		REFERENCES "chatbots"("id") ON DELETE cascade,
	CONSTRAINT "bot_turns_message_id_messages_id_fk" FOREIGN KEY ("message_id")
		REFERENCES "messages"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX "bot_turns_waiting_idx" ON "bot_turns" USING btree ("opened_at") WHERE "state" = 'waiting';
--> statement-breakpoint
DROP FUNCTION IF EXISTS accept_messages(jsonb, text, integer);
--> statement-breakpoint
DROP FUNCTION IF EXISTS accept_message(integer, integer, uuid, integer, uuid, text, channel,
	integer, integer, jsonb, jsonb, text);
--> statement-breakpoint
DO $$
BEGIN
	IF to_regclass('graphile_worker._private_jobs') IS NULL THEN
		RETURN;
	END IF;
	INSERT INTO bot_turns (conversation_id, workspace_id, chatbot_id, message_id)
	SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.workspace_id, c.chatbot_id, m.id
	FROM graphile_worker._private_jobs j
	JOIN graphile_worker._private_tasks t ON t.id = j.task_id
	JOIN messages m ON m.id = (j.payload->>'messageId')::integer
	JOIN conversations c ON c.id = m.conversation_id
	WHERE t.identifier IN ('incoming-message', 'ai-reply') AND c.chatbot_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.reply_to_message_id = m.id
			AND r.origin = 'bot')
	ORDER BY m.conversation_id, m.id DESC
	ON CONFLICT DO NOTHING;
	DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
	WHERE t.id = j.task_id AND t.identifier IN ('incoming-message', 'ai-reply');
END $$;
