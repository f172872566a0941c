import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { config } from '../../config';
import { db } from '../../db/client';
import { botIsAnswering, loadReplyContext } from '../../services/bot-replies';
import { conversationQueue, enqueueJob } from '../enqueue';

const Payload = z.object({ messageId: z.number().int().positive() });

/**
 * A customer message was accepted. If a bot is answering the conversation, its reply is queued
 * on the conversation's queue (replies stay in order); otherwise the message waits for humans.
 */
export const incomingMessage: Task = async (raw) => {
  const { messageId } = Payload.parse(raw);
  const ctx = await loadReplyContext(messageId);
  if (ctx?.message.origin !== 'client') return;
  if (!botIsAnswering(ctx.conversation, ctx.chatbot)) return;
  await enqueueJob(
    db,
    'ai-reply',
    { messageId },
    {
      queueName: conversationQueue(ctx.conversation.id),
      jobKey: `ai-reply:${messageId}`,
      maxAttempts: config.AI_REPLY_ATTEMPTS,
    },
  );
};
