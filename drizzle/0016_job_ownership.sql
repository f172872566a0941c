-- graphile-worker locks jobs and queues with its pool's id, so heartbeats are kept per pool
-- (server/jobs/recovery.ts). The rows of the per-slot ids never matched a lock: dropped.
DELETE FROM "worker_heartbeats";
--> statement-breakpoint
ALTER TABLE "worker_heartbeats" RENAME COLUMN "worker_id" TO "pool_id";
--> statement-breakpoint
-- A send to the provider that began, committed before the call: a pending message that has one
-- lost its outcome (the process died mid-call) and is not sent again blindly.
CREATE TABLE "message_send_attempts" (
	"message_id" integer PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_send_attempts_message_id_messages_id_fk" FOREIGN KEY ("message_id")
		REFERENCES "messages"("id") ON DELETE cascade
);
