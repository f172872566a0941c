import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import {
  type Conversation,
  type ConversationParticipant,
  conversationParticipants,
  conversations,
  type Message,
  messages,
  users,
} from '../db/schema';
import { AppError, notFound } from '../errors';
import { joinConversation, markParticipantRead } from './conversations/participants';
import { isUuid } from './ids';
import { insertMessage } from './messages/create';
import { offsetOf } from './pagination';

/** A chat between users of one workspace, optionally about a record (served by contracts/direct-chat). */
export interface DirectConversation {
  conversation: Conversation;
  /** Oldest member first. */
  participants: DirectParticipant[];
}

export interface DirectParticipant {
  user: { uuid: string; name: string; email: string };
  membership: ConversationParticipant;
}

export interface DirectMessage {
  message: Message;
  sender: { uuid: string; name: string } | null;
}

export interface NewDirectConversation {
  /** The other user, by uuid (lower case). */
  participantUuid: string;
  /** The record the chat is about, if any. */
  taggableType: string | null;
  taggableId: number | null;
}

async function participantsOf(tx: DbOrTx, conversationIds: number[]) {
  if (conversationIds.length === 0) return new Map<number, DirectParticipant[]>();
  const rows = await tx
    .select({
      membership: conversationParticipants,
      uuid: users.uuid,
      name: users.name,
      email: users.email,
    })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(inArray(conversationParticipants.conversationId, conversationIds))
    .orderBy(asc(conversationParticipants.joinedAt), asc(conversationParticipants.userId));
  const byConversation = new Map<number, DirectParticipant[]>();
  for (const { membership, ...user } of rows) {
    const list = byConversation.get(membership.conversationId) ?? [];
    list.push({ user, membership });
    byConversation.set(membership.conversationId, list);
  }
  return byConversation;
}

/**
 * Opens a direct conversation between the caller and another user of the workspace. Refusals:
 * NOT_FOUND when the other user is not in the workspace, UNPROCESSABLE when it is the caller.
 */
export async function openDirectConversation(
  actor: Actor,
  input: NewDirectConversation,
): Promise<DirectConversation> {
  return db.transaction(async (tx) => {
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.uuid, input.participantUuid), eq(users.workspaceId, actor.workspaceId)));
    if (!other) throw notFound('Participant');
    if (other.id === actor.userId)
      throw new AppError('UNPROCESSABLE', 'A direct conversation needs another user');
    const [c] = await tx
      .insert(conversations)
      .values({
        workspaceId: actor.workspaceId,
        kind: 'direct',
        taggableType: input.taggableType,
        taggableId: input.taggableId,
      })
      .returning();
    await joinConversation(tx, actor.workspaceId, c!.id, actor.userId);
    await joinConversation(tx, actor.workspaceId, c!.id, other.id);
    const people = await participantsOf(tx, [c!.id]);
    return { conversation: c!, participants: people.get(c!.id) ?? [] };
  });
}

/** A direct conversation the caller takes part in; any other is NOT_FOUND. */
async function loadDirect(actor: Actor, uuid: string, tx: DbOrTx): Promise<Conversation> {
  if (!isUuid(uuid)) throw notFound('Conversation');
  const [row] = await tx
    .select({ c: conversations })
    .from(conversations)
    .innerJoin(
      conversationParticipants,
      and(
        eq(conversationParticipants.conversationId, conversations.id),
        eq(conversationParticipants.userId, actor.userId),
      ),
    )
    .where(
      and(
        eq(conversations.uuid, uuid.toLowerCase()),
        eq(conversations.workspaceId, actor.workspaceId),
        eq(conversations.kind, 'direct'),
      ),
    );
  if (!row) throw notFound('Conversation');
  return row.c;
}

/** The caller's direct conversations, most recently active first, one page of them. */
export async function listDirectConversations(
  actor: Actor,
  { page, limit }: { page: number; limit: number },
): Promise<{ conversations: DirectConversation[]; total: number }> {
  const mine = and(
    eq(conversations.workspaceId, actor.workspaceId),
    eq(conversations.kind, 'direct'),
    eq(conversationParticipants.userId, actor.userId),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ c: conversations })
      .from(conversations)
      .innerJoin(
        conversationParticipants,
        eq(conversationParticipants.conversationId, conversations.id),
      )
      .where(mine)
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    db
      .select({ n: count() })
      .from(conversations)
      .innerJoin(
        conversationParticipants,
        eq(conversationParticipants.conversationId, conversations.id),
      )
      .where(mine),
  ]);
  const people = await participantsOf(
    db,
    rows.map((r) => r.c.id),
  );
  return {
    conversations: rows.map((r) => ({ conversation: r.c, participants: people.get(r.c.id) ?? [] })),
    total: total?.n ?? 0,
  };
}

/** The caller writes to a direct conversation they take part in, and has then read it all. */
export async function sendDirectMessage(
  actor: Actor,
  conversationUuid: string,
  text: string,
): Promise<DirectMessage> {
  return db.transaction(async (tx) => {
    const c = await loadDirect(actor, conversationUuid, tx);
    const m = await insertMessage(tx, c, {
      direction: 'outbound',
      origin: 'operator',
      content: { text },
      senderUserId: actor.userId,
      status: 'delivered',
    });
    await markParticipantRead(tx, c.id, actor.userId);
    const [sender] = await tx
      .select({ uuid: users.uuid, name: users.name })
      .from(users)
      .where(eq(users.id, actor.userId));
    return { message: m, sender: sender ?? null };
  });
}

/** The conversation's messages, oldest first; reading them marks them read for the caller. */
export async function listDirectMessages(
  actor: Actor,
  conversationUuid: string,
): Promise<DirectMessage[]> {
  return db.transaction(async (tx) => {
    const c = await loadDirect(actor, conversationUuid, tx);
    const rows = await tx
      .select({ m: messages, uuid: users.uuid, name: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderUserId))
      .where(eq(messages.conversationId, c.id))
      .orderBy(asc(messages.id));
    await markParticipantRead(tx, c.id, actor.userId);
    return rows.map((r) => ({
      message: r.m,
      sender: r.uuid && r.name !== null ? { uuid: r.uuid, name: r.name } : null,
    }));
  });
}
