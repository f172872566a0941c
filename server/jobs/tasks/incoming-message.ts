import type { Task } from 'graphile-worker';
import { config } from '../../config';
import { db } from '../../db/client';
import { conversationQueue, enqueueJob, jobKey } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { botIsAnswering, loadReplyContext } from '../../services/bot-replies';

/**
 * A customer message was accepted. If a bot is answering the conversation, its reply is queued
 * on the conversation's queue (replies stay in order); otherwise the message waits for humans.
 */
export const incomingMessage: Task = async (raw) => {
  const { messageId } = tasks.incomingMessage.payload.parse(raw);
  const ctx = await loadReplyContext(messageId);
  if (ctx?.message.origin !== 'client') return;
  if (!botIsAnswering(ctx.conversation, ctx.chatbot)) return;
  await enqueueJob(
    db,
    tasks.aiReply.name,
    { messageId },
    {
      queueName: conversationQueue(ctx.conversation.id),
      jobKey: jobKey(tasks.aiReply.name, messageId),
      maxAttempts: config.AI_REPLY_ATTEMPTS,
    },
  );
};
