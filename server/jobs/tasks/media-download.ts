import type { Job, Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { downloadChannelMedia } from '../../services/files/channel-downloads';

/**
 * Downloads and stores one inbound message's file. A failure it may retry is thrown for
 * graphile-worker's backoff; on the last attempt it is recorded on the message instead, so a
 * file is never lost silently. Idempotent: the store happens under the message's row lock, once.
 */
export const mediaDownload: Task = async (raw, helpers) => {
  const { messageId } = tasks.mediaDownload.payload.parse(raw);
  const job = helpers.job as Job | undefined;
  // Called directly (a test, a script) there is no job: not its last attempt.
  const lastAttempt = job !== undefined && job.attempts >= job.max_attempts;
  await downloadChannelMedia(messageId, lastAttempt);
};
