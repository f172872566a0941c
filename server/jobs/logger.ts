import { Logger as GraphileLogger, type LogLevel } from 'graphile-worker';
import { logger } from '../logger';

const jobsLog = logger.child({ component: 'worker' });

/** graphile-worker's messages routed into pino, one level lower so routine noise stays quiet. */
export const graphileLogger = new GraphileLogger(() => (level: LogLevel, message, meta) => {
  if (level === 'error') jobsLog.error(meta ?? {}, message);
  else if (level === 'warning') jobsLog.warn(meta ?? {}, message);
  else jobsLog.debug(meta ?? {}, message);
});
