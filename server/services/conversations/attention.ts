import { sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';

/** What waits for the caller: the counts behind the console's badges and its tab title. */
export interface Attention {
  /** Open conversations assigned to the caller with messages they have not read. */
  mine: number;
  /** Open customer conversations waiting for a person: no agent, no bot, not snoozed. */
  waiting: number;
}

/**
 * The caller's counts, from their own unread state (conversation_participants), never the
 * conversation's shared one: a colleague reading a conversation does not clear my badge.
 * Waiting conversations count whoever the caller is: every agent may take them (seed 003's
 * access rule lets an agent act on unassigned ones).
 */
export async function attentionCounts(actor: Actor, tx: DbOrTx = db): Promise<Attention> {
  const [row] = (await tx.execute(sql`
    select
      (select count(*)::int from conversations c
        join conversation_participants p on p.conversation_id = c.id and p.user_id = ${actor.userId}
        where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
          and c.assigned_user_id = ${actor.userId} and c.status <> 'ended'
          and p.unread_count > 0) as mine,
      (select count(*)::int from conversations c
        where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
          and c.status <> 'ended' and c.assigned_user_id is null and c.assigned_bot_id is null
          and (c.snoozed_until is null or c.snoozed_until <= now())) as waiting`)) as unknown as {
    mine: number;
    waiting: number;
  }[];
  return { mine: row?.mine ?? 0, waiting: row?.waiting ?? 0 };
}
