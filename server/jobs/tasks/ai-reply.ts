import type { Task } from 'graphile-worker';
import { responder } from '../../ai';
import { tasks } from '../../queue/tasks';
import {
  botIsAnswering,
  buildReplyRequest,
  emitTyping,
  FALLBACK_TEXT,
  loadReplyContext,
  saveBotReply,
} from '../../services/bot-replies';

/**
 * Answers one customer message. Idempotent: a reply already saved for the message (unique
 * reply_to_message_id) ends the job. A failing model is retried with graphile-worker's backoff;
 * the last attempt sends a short fallback and hands the conversation to humans instead.
 */
export const aiReply: Task = async (raw, helpers) => {
  const { messageId } = tasks.aiReply.payload.parse(raw);
  const ctx = await loadReplyContext(messageId);
  if (!ctx || ctx.replied || !botIsAnswering(ctx.conversation, ctx.chatbot)) return;
  await emitTyping(ctx.conversation, true);
  try {
    const reply = await responder().reply(
      await buildReplyRequest({ ...ctx, chatbot: ctx.chatbot }),
    );
    await saveBotReply(ctx, reply);
  } catch (err) {
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    helpers.logger.error(
      `${tasks.aiReply.name} failed for message ${messageId} (attempt ${helpers.job.attempts})`,
      { error: err },
    );
    if (!lastAttempt) {
      await emitTyping(ctx.conversation, false);
      throw err;
    }
    await saveBotReply(ctx, {
      text: FALLBACK_TEXT,
      toolCalls: [{ name: 'handoff_to_human', reason: 'The AI could not answer' }],
      source: 'fallback',
    });
  }
};
