-- Visitor identity for the widget (docs/api.md, "Widget sessions"). A widget session now names
-- its visitor by a secret the server issued to that browser (its SHA-256 kept in
-- widget_visitors), or by an id the embedding site signs with the workspace's identity secret
-- (kept encrypted in workspaces); never by an id alone.
ALTER TABLE "workspaces" ADD COLUMN "widget_identity_secret_encrypted" text;
--> statement-breakpoint
-- Every widget token issued before this migration names its visitor by an unchecked id: they
-- are all refused from now on (the default fills existing rows with the migration's time),
-- and the widget opens a new session.
ALTER TABLE "chatbots" ADD COLUMN "widget_sessions_after" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
CREATE TABLE "widget_visitors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "widget_visitors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"chatbot_id" integer NOT NULL,
	"external_user_id" text NOT NULL,
	"secret_hash" text,
	"legacy" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "widget_visitors" ADD CONSTRAINT "widget_visitors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "widget_visitors" ADD CONSTRAINT "widget_visitors_chatbot_id_chatbots_id_fk" FOREIGN KEY ("chatbot_id") REFERENCES "public"."chatbots"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "widget_visitors_chatbot_user_unique" ON "widget_visitors" USING btree ("chatbot_id","external_user_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "widget_visitors_secret_unique" ON "widget_visitors" USING btree ("secret_hash");
--> statement-breakpoint
CREATE INDEX "widget_visitors_workspace_idx" ON "widget_visitors" USING btree ("workspace_id");
--> statement-breakpoint
-- The visitor ids the server used to issue (`web-<uuid>`, kept in browsers' localStorage) that
-- have a widget conversation: each may be claimed by a session naming it, as before, until a
-- secret issued to it has been used once. Ids of any other form were chosen by a caller, not
-- issued: they need the site's signature from now on.
INSERT INTO "widget_visitors" ("workspace_id", "chatbot_id", "external_user_id", "legacy")
SELECT DISTINCT c."workspace_id", c."chatbot_id", c."external_user_id", true
FROM "conversations" c
WHERE c."channel" = 'WIDGET' AND c."chatbot_id" IS NOT NULL
  AND c."external_user_id" ~ '^web-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Moving widget_sessions_after ends a chatbot's widget sessions: evict the cached chatbot
-- (server/auth/identity-cache.ts) in every process, as a deletion does.
DROP TRIGGER "chatbots_auth_invalidation" ON "chatbots";
--> statement-breakpoint
CREATE TRIGGER chatbots_auth_invalidation AFTER UPDATE OF workspace_id, widget_sessions_after OR DELETE ON chatbots
  FOR EACH ROW EXECUTE FUNCTION notify_auth_invalidation('chatbot');
