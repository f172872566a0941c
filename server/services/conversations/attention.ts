import { sql } from 'drizzle-orm';
import { ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';

/** What waits for the caller: the counts behind the console's badges and its tab title. */
export interface Attention {
  /** Open conversations assigned to the caller with messages they have not read. */
  mine: number;
  /** Open customer conversations waiting for a person: no agent, no bot, not snoozed. */
  waiting: number;
  /**
   * Open (not ended, not snoozed) conversations in each of the inbox's views, as its list
   * scopes them (services/conversations/list.ts): mine, unassigned (no agent), a bot's, and
   * every one (supervisors and admins; null for agents, who have no such view).
   */
  views: { mine: number; unassigned: number; bots: number; all: number | null };
}

/**
 * The caller's counts, from their own unread state (conversation_participants), never the
 * conversation's shared one: a colleague reading a conversation does not clear my badge.
 * Waiting conversations count whoever the caller is: every agent may take them (seed 003's
 * access rule lets an agent act on unassigned ones).
 */
export async function attentionCounts(actor: Actor, tx: DbOrTx = db): Promise<Attention> {
  const supervisor = ROLE_RANK[actor.role] >= ROLE_RANK.supervisor;
  const [row] = (await tx.execute(sql`
    with open as (
      select c.id, c.assigned_user_id, c.assigned_bot_id from conversations c
      where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer' and c.status <> 'ended'
        and (c.snoozed_until is null or c.snoozed_until <= now())
    )
    select
      (select count(*)::int from open o
        join conversation_participants p on p.conversation_id = o.id and p.user_id = ${actor.userId}
        where o.assigned_user_id = ${actor.userId} and p.unread_count > 0) as mine,
      count(*) filter (where assigned_user_id is null and assigned_bot_id is null)::int as waiting,
      count(*) filter (where assigned_user_id = ${actor.userId})::int as view_mine,
      count(*) filter (where assigned_user_id is null)::int as view_unassigned,
      count(*) filter (where assigned_bot_id is not null)::int as view_bots,
      count(*)::int as view_all
    from open`)) as unknown as {
    mine: number;
    waiting: number;
    view_mine: number;
    view_unassigned: number;
    view_bots: number;
    view_all: number;
  }[];
  return {
    mine: row?.mine ?? 0,
    waiting: row?.waiting ?? 0,
    views: {
      mine: row?.view_mine ?? 0,
      unassigned: row?.view_unassigned ?? 0,
      bots: row?.view_bots ?? 0,
      all: supervisor ? (row?.view_all ?? 0) : null,
    },
  };
}
