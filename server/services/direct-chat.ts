import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import {
  type Conversation,
  type ConversationParticipant,
  conversationParticipants,
  conversations,
  messages,
  users,
} from '../db/schema';
import { AppError, notFound } from '../errors';
import { joinConversation, markParticipantRead } from './conversations/participants';
import { insertMessage } from './messages/create';
import { messageText } from './messages/serialize';
import { MAX_LIMIT, offsetOf, pageQuery, queryInt } from './pagination';

/** Laravel's timestamp format (microseconds, Z), as seed 004 shows. */
const laravel = (d: Date | null) => (d ? d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Laravel-style validation: every failing field with its sentences, answered as 422. */
function validate(body: Record<string, unknown>) {
  const errors: { field: string; message: string }[] = [];
  const p = body.participant_uuid;
  if (p === undefined || p === null || p === '') {
    errors.push({ field: 'participant_uuid', message: 'The participant uuid field is required.' });
  } else if (typeof p !== 'string' || !UUID.test(p)) {
    errors.push({
      field: 'participant_uuid',
      message: 'The participant uuid field must be a valid UUID.',
    });
  }
  const type = body.taggable_type;
  if (type !== undefined && type !== null) {
    if (typeof type !== 'string') {
      errors.push({ field: 'taggable_type', message: 'The taggable type field must be a string.' });
    } else if (type.length > 255) {
      errors.push({
        field: 'taggable_type',
        message: 'The taggable type field must not be greater than 255 characters.',
      });
    }
  }
  const id = body.taggable_id;
  // The column is a bigint read back as a JS number: only safe integers round-trip exactly.
  const idNumber = typeof id === 'string' && /^-?\d+$/.test(id) ? Number(id) : id;
  if (id !== undefined && id !== null && !Number.isSafeInteger(idNumber)) {
    errors.push({ field: 'taggable_id', message: 'The taggable id field must be an integer.' });
  }
  if (errors.length) throw new AppError('UNPROCESSABLE', errors[0]!.message, errors);
  return {
    participantUuid: (p as string).toLowerCase(),
    taggableType: (type as string | null | undefined) ?? null,
    taggableId: id === undefined || id === null ? null : (idNumber as number),
  };
}

async function participantsOf(tx: DbOrTx, conversationIds: number[]) {
  if (conversationIds.length === 0) return [];
  return tx
    .select({ p: conversationParticipants, uuid: users.uuid, name: users.name, email: users.email })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(inArray(conversationParticipants.conversationId, conversationIds))
    .orderBy(asc(conversationParticipants.joinedAt), asc(conversationParticipants.userId));
}

type ParticipantRow = { p: ConversationParticipant; uuid: string; name: string; email: string };

function directShape(c: Conversation, participants: ParticipantRow[]) {
  return {
    uuid: c.uuid,
    taggable_type: c.taggableType,
    taggable_id: c.taggableId,
    last_message_text: c.lastMessagePreview,
    last_message_at: laravel(c.lastMessageAt),
    is_archived: c.isArchived,
    created_at: laravel(c.createdAt),
    updated_at: laravel(c.updatedAt),
    participants: participants
      .filter((r) => r.p.conversationId === c.id)
      .map((r) => ({
        uuid: r.uuid,
        name: r.name,
        email: r.email,
        pivot: {
          conversation_id: r.p.conversationId,
          user_id: r.p.userId,
          unread_count: r.p.unreadCount,
          last_read_at: laravel(r.p.lastReadAt),
          joined_at: laravel(r.p.joinedAt),
          created_at: laravel(r.p.createdAt),
          updated_at: laravel(r.p.updatedAt),
        },
      })),
  };
}

/** Seed 004: a direct conversation between the caller and another user of the workspace. */
export async function createDirectConversation(actor: Actor, body: Record<string, unknown>) {
  const input = validate(body);
  return db.transaction(async (tx) => {
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.uuid, input.participantUuid), eq(users.workspaceId, actor.workspaceId)));
    const invalid = 'The selected participant uuid is invalid.';
    if (!other)
      throw new AppError('UNPROCESSABLE', invalid, [
        { field: 'participant_uuid', message: invalid },
      ]);
    if (other.id === actor.userId) {
      const same = 'The participant uuid must be another user.';
      throw new AppError('UNPROCESSABLE', same, [{ field: 'participant_uuid', message: same }]);
    }
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
    return {
      message: 'Conversación creada exitosamente',
      data: directShape(c!, await participantsOf(tx, [c!.id])),
    };
  });
}

/** A direct conversation the caller takes part in; any other is 404. */
async function loadDirect(actor: Actor, uuid: string, tx: DbOrTx): Promise<Conversation> {
  if (!UUID.test(uuid)) throw notFound('Conversation');
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

export const DirectListQuery = z.object({
  ...pageQuery(15),
  /** Laravel's name for the page size; `limit` is accepted too. */
  per_page: queryInt('per_page', 1, MAX_LIMIT, 0),
});

export async function listDirectConversations(
  actor: Actor,
  query: z.input<typeof DirectListQuery>,
) {
  const q = DirectListQuery.parse(query);
  const { page } = q;
  const limit = q.per_page || q.limit;
  const mine = and(
    eq(conversations.workspaceId, actor.workspaceId),
    eq(conversations.kind, 'direct'),
    eq(conversationParticipants.userId, actor.userId),
  );
  const base = () =>
    db
      .select({ c: conversations })
      .from(conversations)
      .innerJoin(
        conversationParticipants,
        eq(conversationParticipants.conversationId, conversations.id),
      )
      .where(mine);
  const [rows, [total]] = await Promise.all([
    base()
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
  const n = total?.n ?? 0;
  return {
    message: 'Conversaciones obtenidas exitosamente',
    data: rows.map((r) => directShape(r.c, people)),
    meta: {
      current_page: page,
      per_page: limit,
      total: n,
      last_page: Math.max(1, Math.ceil(n / limit)),
    },
  };
}

export async function sendDirectMessage(actor: Actor, uuid: string, body: Record<string, unknown>) {
  const text = body.message ?? body.body;
  if (typeof text !== 'string' || text.trim() === '' || text.length > 4096) {
    const message =
      typeof text === 'string' && text.length > 4096
        ? 'The message field must not be greater than 4096 characters.'
        : 'The message field is required.';
    throw new AppError('UNPROCESSABLE', message, [{ field: 'message', message }]);
  }
  return db.transaction(async (tx) => {
    const c = await loadDirect(actor, uuid, tx);
    const m = await insertMessage(tx, c, {
      direction: 'outbound',
      origin: 'operator',
      content: { text },
      senderUserId: actor.userId,
      status: 'delivered',
    });
    await markParticipantRead(tx, c.id, actor.userId);
    return { message: 'Mensaje enviado exitosamente', data: await directMessageShape(tx, m) };
  });
}

async function directMessageShape(tx: DbOrTx, m: typeof messages.$inferSelect) {
  const [sender] = m.senderUserId
    ? await tx
        .select({ uuid: users.uuid, name: users.name })
        .from(users)
        .where(eq(users.id, m.senderUserId))
    : [];
  return {
    uuid: m.uuid,
    message: messageText(m.content),
    sender: sender ?? null,
    created_at: laravel(m.createdAt),
    updated_at: laravel(m.updatedAt),
  };
}

/** The conversation's messages, oldest first; reading them marks them read for the caller. */
export async function listDirectMessages(actor: Actor, uuid: string) {
  return db.transaction(async (tx) => {
    const c = await loadDirect(actor, uuid, tx);
    const rows = await tx
      .select({ m: messages, uuid: users.uuid, name: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderUserId))
      .where(eq(messages.conversationId, c.id))
      .orderBy(asc(messages.id));
    await markParticipantRead(tx, c.id, actor.userId);
    return {
      message: 'Mensajes obtenidos exitosamente',
      data: rows.map((r) => ({
        uuid: r.m.uuid,
        message: messageText(r.m.content),
        sender: r.uuid ? { uuid: r.uuid, name: r.name } : null,
        created_at: laravel(r.m.createdAt),
        updated_at: laravel(r.m.updatedAt),
      })),
    };
  });
}
