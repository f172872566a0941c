CREATE TABLE "account_reminders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"date_exp" timestamp with time zone NOT NULL,
	"outcome" varchar(40) NOT NULL,
	"message_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_reminders_once" UNIQUE("account_id","date_exp")
);
--> statement-breakpoint
ALTER TABLE "account_reminders" ADD CONSTRAINT "account_reminders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_reminders" ADD CONSTRAINT "account_reminders_account_id_contact_user_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."contact_user_accounts"("id") ON DELETE cascade ON UPDATE no action;