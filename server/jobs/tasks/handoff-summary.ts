import type { Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { writeHandoffSummary } from '../../services/copilot/handoff-summary';

/**
 * The agents' summary of a conversation the bot just handed over (enqueued by save_bot_reply
 * in the handoff's statement, on one queue, so model calls hold at most one job slot and never
 * crowd out the sends). A model failure throws: graphile-worker retries it.
 */
export const handoffSummary: Task = async (payload, helpers) => {
  const { conversationId } = tasks.handoffSummary.payload.parse(payload);
  const outcome = await writeHandoffSummary(conversationId);
  helpers.logger.debug(`conversation ${conversationId}: handoff summary ${outcome}`);
};
