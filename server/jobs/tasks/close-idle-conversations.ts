import type { Task } from 'graphile-worker';
import { closeIdleConversations } from '../../services/idle';

/** Cron: ends conversations idle past their workspace's limit (default 24 h). */
export const closeIdleConversationsTask: Task = async (_payload, helpers) => {
  const closed = await closeIdleConversations();
  if (closed) helpers.logger.info(`closed ${closed} idle conversation(s)`);
};
