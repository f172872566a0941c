import { type AnyColumn, and, eq, ne, sql } from 'drizzle-orm';
import type { MessageDirection, MessageOrigin, MessageType } from '../../../shared/enums';
import type { DbOrTx } from '../../db/client';
import {
  type Conversation,
  conversationParticipants,
  conversations,
  type Message,
  messages,
} from '../../db/schema';
import { isAbortedTransaction } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import { appendEvent } from '../events';
import { messageText } from './serialize';

export interface NewMessage {
  direction: MessageDirection;
  origin: MessageOrigin;
  type?: MessageType;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  senderUserId?: number | null;
  externalId?: string | null;
  replyToMessageId?: number | null;
  status?: Message['status'];
}

const PREVIEW_CHARS = 200;
const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Awaits statements sent together on one transaction. When one fails, PostgreSQL refuses the
 * rest ("current transaction is aborted"); the error that explains it is the first other one.
 */
async function together<T extends readonly unknown[]>(
  statements: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length > 0) throw failures.find((err) => !isAbortedTransaction(err)) ?? failures[0];
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as never;
}

export interface InsertOptions {
  /** The caller already holds the conversation's row lock in this transaction. */
  locked?: boolean;
  /** More statements for the same transaction that need the new message (its job). */
  alongside?: (message: Message) => Promise<unknown>;
}

/**
 * Inserts a message and, in the same transaction, everything that follows from it: the
 * conversation's counters, activity times, preview and WhatsApp window; unread counts; the
 * event. Callers own the transaction (and enqueue their job on it).
 */
export async function insertMessage(
  tx: DbOrTx,
  conversation: Conversation,
  input: NewMessage,
  options: InsertOptions = {},
): Promise<Message> {
  return (await writeMessage(tx, conversation, input, options)).message;
}

/** insertMessage, also answering the conversation row as the insert left it. */
export async function writeMessage(
  tx: DbOrTx,
  conversation: Conversation,
  input: NewMessage,
  options: InsertOptions = {},
): Promise<{ message: Message; conversation: Conversation }> {
  // Lock the conversation before the message gets its id: concurrent inserts then update the
  // conversation in id order, so its last message (id, preview) never goes back to an older one.
  if (!options.locked) {
    await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.id, conversation.id))
      .for('update');
  }
  const [message] = await tx
    .insert(messages)
    .values({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      integrationId: conversation.integrationId,
      direction: input.direction,
      origin: input.origin,
      type: input.type ?? 'text',
      content: input.content,
      metadata: input.metadata ?? {},
      senderUserId: input.senderUserId ?? null,
      externalId: input.externalId ?? null,
      replyToMessageId: input.replyToMessageId ?? null,
      status: input.status ?? (input.direction === 'inbound' ? 'delivered' : 'pending'),
      ...(input.direction === 'inbound' ? { deliveredAt: sql`now()` } : {}),
    })
    .returning();
  const m = message!;
  const inbound = input.direction === 'inbound';
  const whatsapp =
    conversation.channel === 'WHATSAPP_CLOUD' || conversation.channel === 'WHATSAPP_QR';
  // created_at is the transaction's start, so a transaction that waited for the lock may carry
  // an earlier time than the message before it: times only move forward.
  const latest = (col: AnyColumn) =>
    sql`greatest(${col}, ${m.createdAt.toISOString()}::timestamptz)`;
  // What follows the insert is independent: sent together, postgres.js pipelines the statements
  // on the transaction's connection (one write, no round trip between them).
  const counters = tx
    .update(conversations)
    .set({
      lastMessageAt: latest(conversations.lastMessageAt),
      lastActivityAt: latest(conversations.lastActivityAt),
      lastMessageId: m.id,
      lastMessagePreview: messageText(m.content).slice(0, PREVIEW_CHARS),
      messageCount: sql`${conversations.messageCount} + 1`,
      updatedAt: m.createdAt,
      ...(inbound
        ? {
            lastContactMessageAt: latest(conversations.lastContactMessageAt),
            unreadCount: sql`${conversations.unreadCount} + 1`,
            read: false,
          }
        : {}),
      ...(inbound && whatsapp
        ? {
            cswStartedAt: latest(conversations.cswStartedAt),
            cswExpiresAt: sql`greatest(${conversations.cswStartedAt}, ${m.createdAt.toISOString()}::timestamptz) + interval '24 hours'`,
          }
        : {}),
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  // Every participating agent but the author has one more message to read.
  const unread = tx
    .update(conversationParticipants)
    .set({ unreadCount: sql`${conversationParticipants.unreadCount} + 1`, updatedAt: m.createdAt })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversation.id),
        input.senderUserId ? ne(conversationParticipants.userId, input.senderUserId) : undefined,
      ),
    );
  const [[updated]] = await together([
    counters,
    unread,
    // Tell the console when the 24-hour window closes; each inbound message moves the moment.
    inbound && whatsapp
      ? enqueueJob(
          tx,
          'window-closed',
          { conversationId: conversation.id },
          {
            runAt: new Date(m.createdAt.getTime() + WINDOW_MS),
            jobKey: `window-closed:${conversation.id}`,
            maxAttempts: 5,
          },
        )
      : undefined,
    appendEvent(tx, {
      workspaceId: conversation.workspaceId,
      type: 'message:created',
      conversationId: conversation.id,
      payload: { messageId: m.id, direction: m.direction, origin: m.origin },
    }),
    options.alongside?.(m),
  ]);
  return { message: m, conversation: updated ?? conversation };
}
