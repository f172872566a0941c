import { parseCrontab, type Runner, run, type TaskList } from 'graphile-worker';
import { config } from '../config';
import { graphileLogger } from './logger';
import { cleanupAuth } from './tasks/cleanup-auth';

export const taskList: TaskList = {
  'cleanup-auth': cleanupAuth,
};

export const crontab = ['0 * * * * cleanup-auth ?max=1'].join('\n');

/** Runs graphile-worker in this process; the caller stops it during ordered shutdown. */
export async function startWorker(connectionString: string): Promise<Runner> {
  return run({
    connectionString,
    concurrency: config.WORKER_CONCURRENCY,
    taskList,
    parsedCronItems: parseCrontab(crontab),
    logger: graphileLogger,
    noHandleSignals: true,
    pollInterval: 1000,
  });
}
