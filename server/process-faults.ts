import type { Logger } from './logger';

/** Error codes of a database connection that went away (pg, postgres.js, the OS). */
const LOST_CONNECTION = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

function lostConnection(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && LOST_CONNECTION.has(e.code)) return true;
  if (typeof e.message === 'string' && /Connection terminated/i.test(e.message)) return true;
  return e.cause !== undefined && lostConnection(e.cause);
}

/**
 * postgres.js 3.4.9 writes a short statement on the next tick, and throws from that tick when
 * the connection closed meanwhile (porsager/postgres#1154, #1208): nothing can catch it, and
 * the statement it dropped never settles. Carrying on was measured: sends hung for good once
 * the database was back (a write lane waited on such a statement), so the process stops.
 */
function postgresWriteAfterClose(err: unknown): boolean {
  return (
    err instanceof TypeError &&
    err.message === "Cannot read properties of null (reading 'write')" &&
    /postgres[/\\]src[/\\]connection\.js/.test(err.stack ?? '') &&
    /nextWrite/.test(err.stack ?? '')
  );
}

/**
 * What reaches the top of the process. A lost database connection is an outage, not a bug:
 * graphile-worker 0.17.3 drops the promises of completeJob and failJob (worker.js, after a
 * task), so a job finished while the database was away rejects with no one to hear it: logged,
 * and the process carries on (/healthz says 503 until the database answers again). Anything
 * else, postgres.js's throw above included, stops the process in order with exit code 1
 * instead of running on half-broken.
 */
export function handleProcessFaults(log: Logger, stop: (reason: string) => void): void {
  process.on('unhandledRejection', (err) => {
    if (lostConnection(err)) {
      log.warn({ err }, 'a database call failed while the connection was lost');
      return;
    }
    log.fatal({ err }, 'unhandled rejection; stopping');
    stop('unhandled rejection');
  });
  process.on('uncaughtException', (err) => {
    if (postgresWriteAfterClose(err)) {
      log.fatal(
        { err },
        'the database connection closed under a statement, which would wait forever (postgres.js defect); stopping',
      );
      stop('database connection lost mid-statement');
      return;
    }
    log.fatal({ err }, 'uncaught exception; stopping');
    stop('uncaught exception');
  });
}
