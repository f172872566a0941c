import { and, eq, ne, sql } from 'drizzle-orm';
import type { MessageDirection, MessageOrigin, MessageType } from '../../../shared/enums';
import type { DbOrTx } from '../../db/client';
import {
  type Conversation,
  conversationParticipants,
  conversations,
  type Message,
  messages,
} from '../../db/schema';
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

const WINDOW_MS = 24 * 60 * 60 * 1000;
const PREVIEW_CHARS = 200;

/**
 * Inserts a message and, in the same transaction, everything that follows from it: the
 * conversation's counters, activity times, preview and WhatsApp window; unread counts; the
 * event. Callers own the transaction (and enqueue their job on it).
 */
export async function insertMessage(
  tx: DbOrTx,
  conversation: Conversation,
  input: NewMessage,
): Promise<Message> {
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
  await tx
    .update(conversations)
    .set({
      lastMessageAt: m.createdAt,
      lastActivityAt: m.createdAt,
      lastMessageId: m.id,
      lastMessagePreview: messageText(m.content).slice(0, PREVIEW_CHARS),
      messageCount: sql`${conversations.messageCount} + 1`,
      updatedAt: m.createdAt,
      ...(inbound
        ? {
            lastContactMessageAt: m.createdAt,
            unreadCount: sql`${conversations.unreadCount} + 1`,
            read: false,
          }
        : {}),
      ...(inbound && whatsapp
        ? { cswStartedAt: m.createdAt, cswExpiresAt: new Date(m.createdAt.getTime() + WINDOW_MS) }
        : {}),
    })
    .where(eq(conversations.id, conversation.id));
  // Every participating agent but the author has one more message to read.
  await tx
    .update(conversationParticipants)
    .set({ unreadCount: sql`${conversationParticipants.unreadCount} + 1`, updatedAt: m.createdAt })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversation.id),
        input.senderUserId ? ne(conversationParticipants.userId, input.senderUserId) : undefined,
      ),
    );
  await appendEvent(tx, {
    workspaceId: conversation.workspaceId,
    type: 'message:created',
    conversationId: conversation.id,
    payload: { messageId: m.id, direction: m.direction, origin: m.origin },
  });
  return m;
}
