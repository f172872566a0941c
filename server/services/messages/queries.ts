import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { type DbOrTx, db } from '../../db/client';
import { conversations, messages } from '../../db/schema';
import { notFound } from '../../errors';
import { loadConversation } from '../conversations/access';
import { parseRef } from '../ids';
import { offsetOf, pageQuery, toPage } from '../pagination';
import { assertCallerOwns } from './caller-access';
import { seed001Message } from './serialize';

export const MessagePageQuery = z.object(pageQuery(50));

/** Seed 001: a conversation's messages, oldest first, page/limit (default 50). */
export async function listConversationMessages(
  caller: MessagingCaller,
  conversationRef: string,
  query: z.input<typeof MessagePageQuery>,
  tx: DbOrTx = db,
) {
  const { page, limit } = MessagePageQuery.parse(query);
  const conversation = await loadConversation(caller, conversationRef, tx);
  assertCallerOwns(caller, conversation);
  const where = eq(messages.conversationId, conversation.id);
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(messages)
      .where(where)
      .orderBy(asc(messages.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    tx.select({ n: count() }).from(messages).where(where),
  ]);
  return toPage(
    rows.map((m) => seed001Message(m, conversation.uuid)),
    total?.n ?? 0,
    page,
    limit,
  );
}

/** Seed 001: one message, if its conversation is the caller's to see. */
export async function getMessage(caller: MessagingCaller, raw: string, tx: DbOrTx = db) {
  const ref = parseRef(raw, 'Message');
  const [row] = await tx
    .select({ message: messages, conversation: conversations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        'id' in ref ? eq(messages.id, ref.id) : eq(messages.uuid, ref.uuid),
        eq(messages.workspaceId, caller.workspaceId),
        // Direct (seed 004) messages are private to their participants.
        eq(conversations.kind, 'customer'),
      ),
    );
  if (!row) throw notFound('Message');
  assertCallerOwns(caller, row.conversation);
  return seed001Message(row.message, row.conversation.uuid);
}
