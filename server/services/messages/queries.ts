import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { type DbOrTx, db } from '../../db/client';
import { type Conversation, conversations, type Message, messages } from '../../db/schema';
import { notFound } from '../../errors';
import { loadConversation } from '../conversations/access';
import { parseRef } from '../ids';
import { offsetOf, type Page, pageQuery, toPage } from '../pagination';
import { assertCallerOwns } from './caller-access';

export const MessagePageQuery = z.object(pageQuery(50));

/** A conversation's messages, oldest first, page/limit (default 50), with the conversation. */
export async function listConversationMessages(
  caller: MessagingCaller,
  conversationRef: string,
  query: z.input<typeof MessagePageQuery>,
  tx: DbOrTx = db,
): Promise<{ conversation: Conversation; page: Page<Message> }> {
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
  return { conversation, page: toPage(rows, total?.n ?? 0, page, limit) };
}

/** One message and its conversation, if that conversation is the caller's to see. */
export async function getMessage(
  caller: MessagingCaller,
  raw: string,
  tx: DbOrTx = db,
): Promise<{ message: Message; conversation: Conversation }> {
  const ref = parseRef(raw, 'Message');
  const [row] = await tx
    .select({ message: messages, conversation: conversations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        'id' in ref ? eq(messages.id, ref.id) : eq(messages.uuid, ref.uuid),
        eq(messages.workspaceId, caller.workspaceId),
        // Direct messages (between agents) are private to their participants.
        eq(conversations.kind, 'customer'),
      ),
    );
  if (!row) throw notFound('Message');
  assertCallerOwns(caller, row.conversation);
  return row;
}
