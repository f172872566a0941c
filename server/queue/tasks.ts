import { z } from 'zod';

const id = z.number().int().positive();

/** The jobs that act on one message (the pipeline's steps): the message's id. */
const MessageJob = z.object({ messageId: id });

/**
 * A cron item's job: graphile-worker adds `_cron` (its time, whether backfilled), which the
 * tasks ignore; enqueued by hand it takes `{}`.
 */
const CronJob = z.object({});

function task<const Name extends string, Payload extends z.ZodType>(name: Name, payload: Payload) {
  return { name, payload };
}

/**
 * Every job this application adds or runs: its name (graphile-worker's task identifier) and
 * the payload the task accepts. Whoever enqueues names a task from here, the worker runs one
 * task for each (server/jobs/worker.ts), and the SQL functions that enqueue are held to these
 * names by tests/queue-catalogue.test.ts.
 */
export const tasks = {
  /** One outbound message is sent through its channel. */
  outgoingMessage: task('outgoing-message', MessageJob),
  /** A WhatsApp conversation's 24-hour window closes. */
  windowClosed: task('window-closed', z.object({ conversationId: id })),
  /** One workspace's assignment runs (agent online, capacity freed, handoff). */
  autoAssign: task('auto-assign', z.object({ workspaceId: id })),
  /** One knowledge article's passages are rebuilt from its newest revision (or removed). */
  knowledgeIndex: task('knowledge-index', z.object({ articleId: id })),
  /** A customer's file from WhatsApp is downloaded and stored (services/files/channel-downloads.ts). */
  mediaDownload: task('media-download', MessageJob),
  /** The agents' summary of a conversation the bot handed over (no model: nothing). */
  handoffSummary: task('handoff-summary', z.object({ conversationId: id })),
  /** An ended WhatsApp conversation's satisfaction survey is sent (ask_csat_on_end). */
  csatPrompt: task('csat-prompt', z.object({ conversationId: id })),
  // Cron items (their schedules are in server/jobs/worker.ts).
  cleanupAuth: task('cleanup-auth', CronJob),
  closeIdleConversations: task('close-idle-conversations', CronJob),
  autoAssignAll: task('auto-assign-all', CronJob),
  presenceSweep: task('presence-sweep', CronJob),
  accountReminders: task('account-reminders', CronJob),
};

type Catalogued = (typeof tasks)[keyof typeof tasks];

/** A task's name, as graphile-worker's jobs table and the SQL functions spell it. */
export type TaskName = Catalogued['name'];

/** The payload a task named `Name` accepts. */
export type TaskPayload<Name extends TaskName> = z.infer<
  Extract<Catalogued, { name: Name }>['payload']
>;

/** Every task's name. */
export const taskNames: readonly TaskName[] = Object.values(tasks).map((t) => t.name);
