import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ROLE_RANK } from '../../../shared/enums';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { type DbOrTx, db } from '../../db/client';
import { type Conversation, chatbots, conversations } from '../../db/schema';
import { assertCallerOwns } from '../messages/caller-access';
import { offsetOf, type Page, pageQuery, toPage } from '../pagination';
import { agentAccessFilter, loadConversation } from './access';

/** A conversation of one of the workspace's chatbots, with that chatbot's uuid. */
export interface ChatbotConversation {
  conversation: Conversation;
  chatbotUuid: string;
}

export const ChatbotConversationPageQuery = z.object(pageQuery(20));

/**
 * assertCallerOwns as a filter: a widget lists its own visitor's WIDGET conversations with its
 * chatbot; an agent those canAccess allows (supervisors and admins: all of them).
 */
function callerFilter(caller: MessagingCaller): SQL | undefined {
  if (caller.kind === 'widget') {
    return and(
      eq(conversations.chatbotId, caller.chatbotId),
      eq(conversations.externalUserId, caller.externalUserId),
      eq(conversations.channel, 'WIDGET'),
    );
  }
  if (ROLE_RANK[caller.actor.role] >= ROLE_RANK.supervisor) return undefined;
  return agentAccessFilter(caller.actor.userId);
}

/**
 * The caller's chatbots' conversations, most recently active first (the order of the
 * workspace's activity index), page/limit with limit 20 by default. A conversation whose chatbot
 * was deleted belongs to no chatbot and is left out.
 */
export async function listChatbotConversations(
  caller: MessagingCaller,
  query: z.input<typeof ChatbotConversationPageQuery>,
  tx: DbOrTx = db,
): Promise<Page<ChatbotConversation>> {
  const { page, limit } = ChatbotConversationPageQuery.parse(query);
  const where = and(
    eq(conversations.workspaceId, caller.workspaceId),
    eq(conversations.kind, 'customer'),
    callerFilter(caller),
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select({ conversation: conversations, chatbotUuid: chatbots.uuid })
      .from(conversations)
      .innerJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
      .where(where)
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    tx
      .select({ n: count() })
      .from(conversations)
      .innerJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
      .where(where),
  ]);
  return toPage(rows, total?.n ?? 0, page, limit);
}

/** One conversation by id or uuid, if the caller may see it, with its chatbot's uuid. */
export async function getChatbotConversation(
  caller: MessagingCaller,
  ref: string,
  tx: DbOrTx = db,
): Promise<{ conversation: Conversation; chatbotUuid: string | null }> {
  const conversation = await loadConversation(caller, ref, tx);
  assertCallerOwns(caller, conversation);
  if (conversation.chatbotId === null) return { conversation, chatbotUuid: null };
  const [bot] = await tx
    .select({ uuid: chatbots.uuid })
    .from(chatbots)
    .where(eq(chatbots.id, conversation.chatbotId));
  return { conversation, chatbotUuid: bot?.uuid ?? null };
}
