CREATE TABLE "bot_test_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bot_test_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" integer NOT NULL,
	"chatbot_id" integer NOT NULL,
	"name" text NOT NULL,
	"script" jsonb NOT NULL,
	"expectations" jsonb NOT NULL,
	"allow_http" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_test_cases_uuid_unique" UNIQUE("uuid")
);
--> statement-breakpoint
CREATE TABLE "bot_test_results" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bot_test_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"case_id" integer,
	"case_name" text NOT NULL,
	"status" text NOT NULL,
	"transcript" jsonb NOT NULL,
	"failures" jsonb NOT NULL,
	"skips" jsonb NOT NULL,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_test_results_status_check" CHECK ("bot_test_results"."status" in ('passed', 'failed', 'error', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "bot_test_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bot_test_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" integer NOT NULL,
	"chatbot_id" integer NOT NULL,
	"started_by" integer,
	"source" text NOT NULL,
	"draft" jsonb NOT NULL,
	"passed" integer NOT NULL,
	"failed" integer NOT NULL,
	"errored" integer NOT NULL,
	"skipped" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_test_runs_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "bot_test_runs_source_check" CHECK ("bot_test_runs"."source" in ('console', 'cli'))
);
--> statement-breakpoint
CREATE TABLE "bot_test_settings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bot_test_settings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"chatbot_id" integer NOT NULL,
	"require_tests_to_publish" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_test_settings_chatbotId_unique" UNIQUE("chatbot_id")
);
--> statement-breakpoint
ALTER TABLE "bot_test_cases" ADD CONSTRAINT "bot_test_cases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_cases" ADD CONSTRAINT "bot_test_cases_chatbot_id_chatbots_id_fk" FOREIGN KEY ("chatbot_id") REFERENCES "public"."chatbots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_results" ADD CONSTRAINT "bot_test_results_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_results" ADD CONSTRAINT "bot_test_results_run_id_bot_test_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bot_test_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_results" ADD CONSTRAINT "bot_test_results_case_id_bot_test_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."bot_test_cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_runs" ADD CONSTRAINT "bot_test_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_runs" ADD CONSTRAINT "bot_test_runs_chatbot_id_chatbots_id_fk" FOREIGN KEY ("chatbot_id") REFERENCES "public"."chatbots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_runs" ADD CONSTRAINT "bot_test_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_settings" ADD CONSTRAINT "bot_test_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_test_settings" ADD CONSTRAINT "bot_test_settings_chatbot_id_chatbots_id_fk" FOREIGN KEY ("chatbot_id") REFERENCES "public"."chatbots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_test_cases_chatbot_idx" ON "bot_test_cases" USING btree ("workspace_id","chatbot_id","id");--> statement-breakpoint
CREATE INDEX "bot_test_results_run_idx" ON "bot_test_results" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "bot_test_results_case_idx" ON "bot_test_results" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "bot_test_runs_chatbot_idx" ON "bot_test_runs" USING btree ("workspace_id","chatbot_id","id" DESC NULLS LAST);