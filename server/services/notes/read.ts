import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import {
  type ConversationNote,
  conversationNotes,
  conversations,
  noteMentions,
  users,
} from '../../db/schema';
import { assertAccess, loadConversation } from '../conversations/access';

/** The newest notes a thread shows, like its tool calls: read, not dumped. */
export const THREAD_NOTES = 200;
/** The unread mentions one user is shown at most. */
export const MENTIONS_SHOWN = 50;

interface Person {
  id: number;
  name: string;
}

/** A note as the console's thread and its live event show it (agents only). */
export interface ThreadNote {
  id: string;
  body: string;
  author: { id: number; uuid: string; name: string } | null;
  mentions: Person[];
  createdAt: string;
}

export function threadNote(
  note: ConversationNote,
  author: ThreadNote['author'],
  mentions: Person[],
): ThreadNote {
  return {
    id: note.uuid,
    body: note.body,
    author,
    mentions: mentions.map((m) => ({ id: m.id, name: m.name })),
    createdAt: note.createdAt.toISOString(),
  };
}

/** A conversation's notes, oldest first (its newest THREAD_NOTES), for an agent who may act on it. */
export async function conversationNotesOf(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<ThreadNote[]> {
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  const rows = await tx
    .select({ note: conversationNotes, authorUuid: users.uuid, authorName: users.name })
    .from(conversationNotes)
    .leftJoin(users, eq(users.id, conversationNotes.authorUserId))
    .where(
      and(
        eq(conversationNotes.conversationId, c.id),
        eq(conversationNotes.workspaceId, actor.workspaceId),
      ),
    )
    .orderBy(desc(conversationNotes.id))
    .limit(THREAD_NOTES);
  const ids = rows.map((r) => r.note.id);
  const mentions = ids.length
    ? await tx
        .select({ noteId: noteMentions.noteId, id: users.id, name: users.name })
        .from(noteMentions)
        .innerJoin(users, eq(users.id, noteMentions.userId))
        .where(inArray(noteMentions.noteId, ids))
    : [];
  return rows.reverse().map((r) =>
    threadNote(
      r.note,
      r.note.authorUserId !== null && r.authorUuid !== null && r.authorName !== null
        ? { id: r.note.authorUserId, uuid: r.authorUuid, name: r.authorName }
        : null,
      mentions.filter((m) => m.noteId === r.note.id),
    ),
  );
}

/** One unread mention of the caller's: where, by whom, and the note's opening words. */
export interface UnreadMention {
  noteId: string;
  conversationId: number;
  conversationUuid: string;
  authorName: string | null;
  excerpt: string;
  createdAt: string;
}

/** The caller's unread mentions, newest first, and how many there are in all. */
export async function unreadMentions(
  actor: Actor,
  tx: DbOrTx = db,
): Promise<{ total: number; mentions: UnreadMention[] }> {
  const mine = and(
    eq(noteMentions.userId, actor.userId),
    eq(noteMentions.workspaceId, actor.workspaceId),
    isNull(noteMentions.readAt),
  );
  const [rows, [count]] = await Promise.all([
    tx
      .select({
        noteId: conversationNotes.uuid,
        conversationId: conversations.id,
        conversationUuid: conversations.uuid,
        authorName: users.name,
        body: conversationNotes.body,
        createdAt: noteMentions.createdAt,
      })
      .from(noteMentions)
      .innerJoin(conversationNotes, eq(conversationNotes.id, noteMentions.noteId))
      .innerJoin(conversations, eq(conversations.id, conversationNotes.conversationId))
      .leftJoin(users, eq(users.id, conversationNotes.authorUserId))
      .where(mine)
      .orderBy(desc(noteMentions.createdAt))
      .limit(MENTIONS_SHOWN),
    tx.select({ n: sql<number>`count(*)::int` }).from(noteMentions).where(mine),
  ]);
  return {
    total: count?.n ?? 0,
    mentions: rows.map((r) => ({
      noteId: r.noteId,
      conversationId: r.conversationId,
      conversationUuid: r.conversationUuid,
      authorName: r.authorName,
      excerpt: r.body.length > 140 ? `${r.body.slice(0, 139)}…` : r.body,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The caller has seen a conversation: its mentions of them are read. Returns how many. */
export async function readMentions(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<number> {
  const c = await loadConversation(actor, ref, tx);
  const rows = await tx
    .update(noteMentions)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(noteMentions.userId, actor.userId),
        eq(noteMentions.workspaceId, actor.workspaceId),
        isNull(noteMentions.readAt),
        inArray(
          noteMentions.noteId,
          tx
            .select({ id: conversationNotes.id })
            .from(conversationNotes)
            .where(eq(conversationNotes.conversationId, c.id)),
        ),
      ),
    )
    .returning({ noteId: noteMentions.noteId });
  return rows.length;
}
