import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export interface JobOptions {
  /** Jobs sharing a queue run one at a time, in order (per-conversation ordering). */
  queueName?: string;
  /** Replaces a pending job with the same key instead of adding a second one. */
  jobKey?: string;
  maxAttempts?: number;
  runAt?: Date;
}

/**
 * Adds a graphile-worker job inside the caller's transaction, so the job exists exactly when
 * the rows it acts on do. The payload is passed as json (not jsonb), as add_job expects.
 */
export async function enqueueJob(
  tx: DbOrTx,
  task: string,
  payload: Record<string, unknown>,
  options: JobOptions = {},
): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 10}::int,
    job_key => ${options.jobKey ?? null}::text
  )`);
}

/** The queue that keeps one conversation's jobs in order. */
export const conversationQueue = (conversationId: number) => `conversation:${conversationId}`;
