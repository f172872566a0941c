ALTER TABLE "chatbots" ADD COLUMN "widget_color" text DEFAULT '#2563eb' NOT NULL;--> statement-breakpoint
ALTER TABLE "chatbots" ADD COLUMN "widget_title" text DEFAULT 'Chat with us' NOT NULL;--> statement-breakpoint
ALTER TABLE "chatbots" ADD COLUMN "widget_position" text DEFAULT 'bottom-right' NOT NULL;