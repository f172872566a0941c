import { and, eq, isNotNull, isNull, or, type Placeholder, type SQL } from 'drizzle-orm';
import { ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type Conversation, conversations } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { parseRef } from '../ids';

/**
 * A customer conversation of the actor's workspace, by integer id or uuid; `forUpdate` locks the
 * row. Direct chats between users are private to their participants and do not exist here.
 */
export async function loadConversation(
  actor: Pick<Actor, 'workspaceId'>,
  raw: string | number,
  tx: DbOrTx = db,
  options: { forUpdate?: boolean } = {},
): Promise<Conversation> {
  const ref = parseRef(raw, 'Conversation');
  const query = tx
    .select()
    .from(conversations)
    .where(
      and(
        'id' in ref ? eq(conversations.id, ref.id) : eq(conversations.uuid, ref.uuid),
        eq(conversations.workspaceId, actor.workspaceId),
        eq(conversations.kind, 'customer'),
      ),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Conversation');
  return row;
}

/**
 * Who may act on a conversation: an agent on their own, unassigned ones and those a bot
 * handles; supervisors and admins on all of their workspace's. The SQL side is the function
 * agent_may_access (server/db/functions/), held equal to this and agentAccessFilter by
 * tests/access-rule.test.ts.
 */
export function canAccess(
  actor: Pick<Actor, 'role' | 'userId'>,
  c: Pick<Conversation, 'assignedUserId' | 'assignedBotId'>,
): boolean {
  if (ROLE_RANK[actor.role] >= ROLE_RANK.supervisor) return true;
  return c.assignedUserId === null || c.assignedUserId === actor.userId || c.assignedBotId !== null;
}

/** canAccess as SQL for an agent (supervisors need no filter): colleagues' conversations stay out. */
export function agentAccessFilter(userId: number | Placeholder): SQL | undefined {
  return or(
    isNull(conversations.assignedUserId),
    eq(conversations.assignedUserId, userId),
    isNotNull(conversations.assignedBotId),
  );
}

export function assertAccess(actor: Actor, c: Conversation): void {
  if (!canAccess(actor, c)) {
    throw new AppError('FORBIDDEN', 'This conversation is assigned to another agent');
  }
}
