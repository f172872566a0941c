import type { Conversation } from '../../db/schema';
import type { ConversationSummary } from '../../services/conversations/summary-query';
import type { JsonText } from '../../services/serialize';

/**
 * The CRM's conversation is the inbox summary as the service builds it: PostgreSQL writes it
 * as JSON text because the inbox list is hot (docs/performance.md), so this contract presents
 * it as it is. Should the contract's shape ever part from the summary, the mapping goes here.
 */
export type CrmConversation = ConversationSummary;

export const presentConversation = (summary: ConversationSummary): CrmConversation => summary;

/** A page of summaries, JSON text already (`Page<CrmConversation>`): sent as it is. */
export const presentConversationPage = (page: JsonText): JsonText => page;

/** PATCH /conversations/:id/assign. */
export const presentAssignment = (c: Conversation) => ({
  id: c.id,
  assigned_user: c.assignedUserId,
  assigned_bot: c.assignedBotId,
  unread_count: c.unreadCount,
  updated_at: c.updatedAt.toISOString(),
});

/** PATCH /conversations/:id/unassign. */
export const presentUnassignment = (c: Conversation) => ({
  id: c.id,
  assigned_user: c.assignedUserId,
  assigned_bot: c.assignedBotId,
  updated_at: c.updatedAt.toISOString(),
});

/** PATCH /conversations/:id/read and /unread. */
export const presentReadState = (c: Conversation) => ({
  id: c.id,
  read: c.read,
  unread_count: c.unreadCount,
  updated_at: c.updatedAt.toISOString(),
});
