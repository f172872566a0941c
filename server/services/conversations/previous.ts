import { and, desc, eq, ne } from 'drizzle-orm';
import { ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { conversations } from '../../db/schema';
import { agentAccessFilter, assertAccess, loadConversation } from './access';

/** How many of the contact's other conversations the side panel lists. */
export const PREVIOUS_LIMIT = 20;

export interface PreviousConversation {
  id: number;
  uuid: string;
  status: (typeof conversations.$inferSelect)['status'];
  channel: (typeof conversations.$inferSelect)['channel'];
  createdAt: string;
  lastActivityAt: string;
  /** The last message's text, cut to 200 characters as write_message keeps it. */
  lastMessagePreview: string | null;
}

/**
 * The contact's other conversations, newest first: only those the actor may open (an agent's
 * colleagues' assigned ones stay out, as the access rule says), at most PREVIOUS_LIMIT.
 */
export async function previousConversations(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<PreviousConversation[]> {
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  if (c.contactId === null) return [];
  const agent = ROLE_RANK[actor.role] < ROLE_RANK.supervisor;
  const rows = await tx
    .select({
      id: conversations.id,
      uuid: conversations.uuid,
      status: conversations.status,
      channel: conversations.channel,
      createdAt: conversations.createdAt,
      lastActivityAt: conversations.lastActivityAt,
      lastMessagePreview: conversations.lastMessagePreview,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, actor.workspaceId),
        eq(conversations.kind, 'customer'),
        eq(conversations.contactId, c.contactId),
        ne(conversations.id, c.id),
        agent ? agentAccessFilter(actor.userId) : undefined,
      ),
    )
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(PREVIOUS_LIMIT);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastActivityAt: r.lastActivityAt.toISOString(),
  }));
}
