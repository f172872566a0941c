import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import type { TaskName, TaskPayload } from './tasks';

export interface JobOptions {
  /** Jobs sharing a queue run one at a time, in order (per-conversation ordering). */
  queueName?: string;
  /** Replaces a pending job with the same key instead of adding a second one. */
  jobKey?: string;
  maxAttempts?: number;
  runAt?: Date;
}

/**
 * Adds a job of a catalogued task (server/queue/tasks.ts) with that task's payload, inside the
 * caller's transaction, so the job exists exactly when the rows it acts on do.
 */
export function enqueueJob<Name extends TaskName>(
  tx: DbOrTx,
  task: Name,
  payload: TaskPayload<Name>,
  options: JobOptions = {},
): Promise<void> {
  return addJob(tx, task, payload, options);
}

/**
 * Adds a job of any task name: enqueueJob's SQL, which tests of that SQL call with tasks no
 * worker runs; the application enqueues through enqueueJob. Through the SQL function
 * enqueue_job (migrations 0011, 0012), which calls graphile_worker.add_job with plans built once
 * per connection with sequential scans off: add_jobs' cached generic plan otherwise scans the
 * whole jobs table. The payload is passed as json (not jsonb), as add_job expects.
 */
export async function addJob(
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

/**
 * The key of a task's job for one row (`<task>:<id>`): adding a second one replaces the pending
 * job. The SQL functions that enqueue build their keys the same way (tests/queue-catalogue).
 */
export const jobKey = (task: TaskName, id: number) => `${task}:${id}`;

/** The queue that keeps one conversation's jobs in order: the prefix and the conversation's id. */
export const CONVERSATION_QUEUE_PREFIX = 'conversation:';
export const conversationQueue = (conversationId: number) =>
  `${CONVERSATION_QUEUE_PREFIX}${conversationId}`;
