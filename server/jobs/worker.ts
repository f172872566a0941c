import { EventEmitter } from 'node:events';
import { parseCrontab, type Runner, run, type Task, type WorkerEvents } from 'graphile-worker';
import { config } from '../config';
import { graphileLogger, throwingWithoutQueryValues } from '../graphile-logger';
import { type TaskName, tasks } from '../queue/tasks';
import { startKnowledgeVectors } from '../services/knowledge/embedding';
import { startTurnDispatcher, type TurnDispatcher } from './bot-turns/dispatcher';
import { unlockDeadWorkers, watchWorkers } from './recovery';
import { accountReminders } from './tasks/account-reminders';
import { autoAssign, autoAssignAll } from './tasks/auto-assign';
import { cleanupAuth } from './tasks/cleanup-auth';
import { closeIdleConversationsTask } from './tasks/close-idle-conversations';
import { csatPrompt } from './tasks/csat-prompt';
import { handoffSummary } from './tasks/handoff-summary';
import { knowledgeIndex } from './tasks/knowledge-index';
import { mediaDownload } from './tasks/media-download';
import { outgoingMessage } from './tasks/outgoing-message';
import { presenceSweep } from './tasks/presence-sweep';
import { windowClosed } from './tasks/window-closed';

/** The task that runs each catalogued job: one for every task in server/queue/tasks.ts. */
export const taskList = {
  [tasks.cleanupAuth.name]: cleanupAuth,
  [tasks.outgoingMessage.name]: outgoingMessage,
  [tasks.closeIdleConversations.name]: closeIdleConversationsTask,
  [tasks.windowClosed.name]: windowClosed,
  [tasks.autoAssign.name]: autoAssign,
  [tasks.autoAssignAll.name]: autoAssignAll,
  [tasks.presenceSweep.name]: presenceSweep,
  [tasks.accountReminders.name]: accountReminders,
  [tasks.knowledgeIndex.name]: knowledgeIndex,
  [tasks.handoffSummary.name]: handoffSummary,
  [tasks.mediaDownload.name]: mediaDownload,
  [tasks.csatPrompt.name]: csatPrompt,
} satisfies Record<TaskName, Task>;

export const crontab = [
  `0 * * * * ${tasks.cleanupAuth.name} ?max=1`,
  `${config.IDLE_CRON_SCHEDULE} ${tasks.closeIdleConversations.name} ?max=1`,
  `${config.ASSIGNMENT_CRON_SCHEDULE} ${tasks.autoAssignAll.name} ?max=1`,
  `* * * * * ${tasks.presenceSweep.name} ?max=1`,
  `${config.ACCOUNT_REMINDER_SCHEDULE} ${tasks.accountReminders.name} ?max=1`,
].join('\n');

export interface WorkerHandle {
  runner: Runner;
  turns: TurnDispatcher;
  stop(): Promise<void>;
}

/**
 * Runs graphile-worker and the bot-turn dispatcher in this process; the caller stops them
 * during ordered shutdown. Jobs and turns left by a dead process are freed first, so a crash
 * loses nothing; those of a live one are its own (server/jobs/recovery.ts). Model calls run in
 * the dispatcher, not in job slots (server/jobs/bot-turns/).
 */
export async function startWorker(connectionString: string): Promise<WorkerHandle> {
  await unlockDeadWorkers();
  // The embeddings model is read at start: articles it has not embedded are queued now.
  await startKnowledgeVectors();
  const turns = await startTurnDispatcher();
  // Our own emitter, listened to before run() creates its pool (`pool:create` names its id).
  const events = new EventEmitter() as WorkerEvents;
  const watcher = watchWorkers(events, turns);
  const runner = await run({
    events,
    connectionString,
    concurrency: config.WORKER_CONCURRENCY,
    taskList: throwingWithoutQueryValues(taskList),
    parsedCronItems: parseCrontab(crontab),
    logger: graphileLogger,
    noHandleSignals: true,
    pollInterval: 1000,
    // Neither graphile-worker's local queue nor batched completion (docs/architecture.md): the
    // first can run two jobs of one conversation's queue at once, the second holds the queue's
    // next job back until the batch is written (a bot reply took twice as long at low load).
  });
  return {
    runner,
    turns,
    async stop() {
      // The turns first: a reply saved while stopping may still enqueue its send.
      await turns.stop();
      await runner.stop();
      await watcher.stop();
    },
  };
}
