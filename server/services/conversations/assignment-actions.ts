import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db, type Tx } from '../../db/client';
import { type Conversation, conversations, messages } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requestAssignment } from '../assignment/trigger';
import { appendEvent, appendEvents } from '../events';
import { idField } from '../pagination';
import { findUserInWorkspace } from '../users';
import { assertAccess, loadConversation } from './access';
import { joinConversation, markParticipantRead, markParticipantUnread } from './participants';

export const AssignInput = z.object({
  // A positive int4: a larger number must not reach the query (it would be a 500).
  assigned_user: idField('assigned_user').nullable().optional(),
});

/** Loads and locks the conversation, checks access, runs `change` in one transaction. */
export function withConversation<T>(
  actor: Actor,
  ref: string | number,
  change: (tx: Tx, c: Conversation) => Promise<T>,
): Promise<T> {
  return withConversationIn(db, actor, ref, change);
}

/** withConversation in a savepoint of the caller's transaction (`outer`), or its own on db. */
export function withConversationIn<T>(
  outer: DbOrTx,
  actor: Actor,
  ref: string | number,
  change: (tx: Tx, c: Conversation) => Promise<T>,
): Promise<T> {
  return outer.transaction(async (tx) => {
    const c = await loadConversation(actor, ref, tx, { forUpdate: true });
    assertAccess(actor, c);
    return change(tx, c);
  });
}

async function save(tx: Tx, c: Conversation, values: PgUpdateSetSource<typeof conversations>) {
  const [row] = await tx
    .update(conversations)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(conversations.id, c.id))
    .returning();
  return row!;
}

/**
 * Assigns a human: the bot stops answering (assigned_bot is cleared), the assignee joins as a
 * participant and the unread count resets. Already assigned to someone else → 409.
 */
export async function assignConversation(
  actor: Actor,
  ref: string | number,
  assigneeId: number,
  outer: DbOrTx = db,
): Promise<Conversation> {
  return withConversationIn(outer, actor, ref, async (t, c) => {
    const assignee = await findUserInWorkspace(actor.workspaceId, assigneeId, t);
    if (!assignee) throw notFound('User');
    if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
    if (c.assignedUserId !== null && c.assignedUserId !== assignee.id) {
      throw new AppError('CONFLICT', 'Conversation is already assigned to another user');
    }
    const row = await save(t, c, {
      assignedUserId: assignee.id,
      assignedBotId: null,
      unreadCount: 0,
      read: true,
    });
    await joinConversation(t, actor.workspaceId, c.id, assignee.id);
    await markParticipantRead(t, c.id, assignee.id);
    const base = { workspaceId: actor.workspaceId, conversationId: c.id };
    await appendEvent(t, {
      ...base,
      type: 'conversation:assigned',
      payload: { assignedUserId: assignee.id, previousUserId: c.assignedUserId, by: actor.userId },
    });
    await appendEvent(t, {
      ...base,
      type: 'conversation:unread_reset',
      payload: { unreadCount: 0 },
    });
    return row;
  });
}

export async function unassignConversation(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    const row = await save(tx, c, { assignedUserId: null });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: c.id,
      type: 'conversation:assigned',
      payload: { assignedUserId: null, previousUserId: c.assignedUserId, by: actor.userId },
    });
    // The conversation waits again, and its former assignee has room.
    await requestAssignment(tx, c.workspaceId);
    return row;
  });
}

/** Opening a conversation joins it; only the reader's own unread state and `read` change. */
export async function markRead(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    const row = await save(tx, c, { read: true, unreadCount: 0 });
    await joinConversation(tx, actor.workspaceId, c.id, actor.userId);
    await markParticipantRead(tx, c.id, actor.userId);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: c.id,
      type: 'conversation:read',
      payload: { userId: actor.userId },
    });
    await markCustomerMessagesSeen(tx, c);
    return row;
  });
}

export async function markUnread(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    const row = await save(tx, c, {
      read: false,
      unreadCount: sql`greatest(${conversations.unreadCount}, 1)`,
    });
    await joinConversation(tx, actor.workspaceId, c.id, actor.userId);
    await markParticipantUnread(tx, c.id, actor.userId);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: c.id,
      type: 'conversation:unread',
      payload: { userId: actor.userId, unreadCount: row.unreadCount },
    });
    return row;
  });
}

export { save as saveConversation };

/** The customer's messages have been seen by an agent: the widget shows them as read. */
async function markCustomerMessagesSeen(tx: Tx, c: Conversation) {
  const seen = await tx
    .update(messages)
    .set({ status: 'read', readAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(messages.conversationId, c.id),
        eq(messages.direction, 'inbound'),
        eq(messages.status, 'delivered'),
      ),
    )
    .returning({ id: messages.id });
  await appendEvents(
    tx,
    seen.map((m) => ({
      workspaceId: c.workspaceId,
      conversationId: c.id,
      type: 'message:status' as const,
      payload: { messageId: m.id, status: 'read' },
    })),
  );
}
