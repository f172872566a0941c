import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { conversationParticipants } from '../../db/schema';

/** Agents who are assigned, reply or open a conversation join it, with their own unread state. */
export async function joinConversation(
  tx: DbOrTx,
  workspaceId: number,
  conversationId: number,
  userId: number,
): Promise<void> {
  await tx
    .insert(conversationParticipants)
    .values({ workspaceId, conversationId, userId })
    .onConflictDoNothing();
}

/** The participant has read everything: only their own unread state changes. */
export async function markParticipantRead(tx: DbOrTx, conversationId: number, userId: number) {
  await tx
    .update(conversationParticipants)
    .set({ unreadCount: 0, lastReadAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, userId),
      ),
    );
}

export async function markParticipantUnread(tx: DbOrTx, conversationId: number, userId: number) {
  await tx
    .update(conversationParticipants)
    .set({
      unreadCount: sql`greatest(${conversationParticipants.unreadCount}, 1)`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, userId),
      ),
    );
}
