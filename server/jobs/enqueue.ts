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
 * the rows it acts on do. Through the SQL function enqueue_job (migrations 0011, 0012), which
 * calls graphile_worker.add_job with plans built once per connection with sequential scans off:
 * add_jobs' cached generic plan otherwise scans the whole jobs table. The payload is passed as
 * json (not jsonb), as add_job expects.
 */
export async function enqueueJob(
  tx: DbOrTx,
  task: string,
  payload: Record<string, unknown>,
  options: JobOptions = {},
): Promise<void> {
  await tx.execute(sql`select enqueue_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    ${options.queueName ?? null}::text,
    ${options.runAt?.toISOString() ?? null}::timestamptz,
    ${options.maxAttempts ?? 10}::int,
    ${options.jobKey ?? null}::text
  )`);
}

/** The queue that keeps one conversation's jobs in order: the prefix and the conversation's id. */
export const CONVERSATION_QUEUE_PREFIX = 'conversation:';
export const conversationQueue = (conversationId: number) =>
  `${CONVERSATION_QUEUE_PREFIX}${conversationId}`;
