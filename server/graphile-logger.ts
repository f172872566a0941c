import {
  Logger as GraphileLogger,
  type JobHelpers,
  type LogLevel,
  type TaskList,
} from 'graphile-worker';
import { logger, withoutQueryValues } from './logger';

const jobsLog = logger.child({ component: 'worker' });

/** graphile-worker's meta keys that carry an error (its failed-job and fatal lines). */
const ERROR_KEYS = ['error', 'fatalError'] as const;

/**
 * A line's meta with its errors under `err`, which the logger strips of query values, and the
 * message with each error's text swapped for the stripped one: graphile-worker quotes a failed
 * job's error message and stack (indented) in the line's text.
 */
function withoutValues(message: string, meta: Record<string, unknown> | undefined) {
  if (!meta) return { message, fields: {} };
  const fields: Record<string, unknown> = { ...meta };
  let text = message;
  for (const key of ERROR_KEYS) {
    const err = meta[key];
    if (!(err instanceof Error)) continue;
    const clean = withoutQueryValues(err) as Error;
    for (const [raw, stripped] of [
      [err.message, clean.message],
      [err.message.replace(/\n/g, '\n  '), clean.message.replace(/\n/g, '\n  ')],
    ] as const)
      if (raw) text = text.replaceAll(raw, stripped);
    delete fields[key];
    fields.err = clean;
  }
  // The job row holds its previous error and its payload: its identity is enough for a log.
  const job = meta.job as { id?: string; task_identifier?: string; attempts?: number } | undefined;
  if (job && typeof job === 'object')
    fields.job = { id: job.id, task: job.task_identifier, attempts: job.attempts };
  return { message: text, fields };
}

/**
 * graphile-worker's messages routed into pino, one level lower so routine noise stays quiet.
 * The scope (job id, task, worker) is on every line: the job id is a job's request id.
 */
export const graphileLogger = new GraphileLogger((scope) => {
  const log = Object.keys(scope).length ? jobsLog.child(scope) : jobsLog;
  return (level: LogLevel, raw, meta) => {
    const { message, fields } = withoutValues(raw, meta);
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else log.debug(fields, message);
  };
});

/**
 * `tasks` throwing their errors without the values of a failed query: graphile-worker writes a
 * thrown error's message into the job's `last_error` and its log line, and drizzle's message
 * lists the query's parameters (customers' texts).
 */
export function throwingWithoutQueryValues(tasks: TaskList): TaskList {
  return Object.fromEntries(
    Object.entries(tasks).map(([name, task]) => [
      name,
      async (payload: unknown, helpers: JobHelpers) => {
        try {
          return await task!(payload, helpers);
        } catch (err) {
          throw withoutQueryValues(err);
        }
      },
    ]),
  ) as TaskList;
}
