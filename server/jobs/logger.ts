import { Logger as GraphileLogger, type LogLevel } from 'graphile-worker';
import { logger } from '../logger';

const jobsLog = logger.child({ component: 'worker' });

/**
 * graphile-worker's messages routed into pino, one level lower so routine noise stays quiet.
 * The scope (job id, task, worker) is on every line: the job id is a job's request id.
 */
export const graphileLogger = new GraphileLogger((scope) => {
  const log = Object.keys(scope).length ? jobsLog.child(scope) : jobsLog;
  return (level: LogLevel, message, meta) => {
    if (level === 'error') log.error(meta ?? {}, message);
    else if (level === 'warning') log.warn(meta ?? {}, message);
    else log.debug(meta ?? {}, message);
  };
});
