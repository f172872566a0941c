import { and, eq, ne, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { assignmentPolicies, conversations, users } from '../../db/schema';
import { appendEvents, type NewEvent } from '../events';
import { type AgentLoad, planAssignments, type WaitingConversation } from './plan';
import { loadPolicy } from './policy';

const BATCH = 2_000;

/** Open conversations per agent, counted over a join (grouped by user). */
export const openLoad = sql<number>`count(${conversations.id})`.mapWith(Number);

export interface ExecutionResult {
  /** Conversations assigned. */
  processed: number;
  /** Waiting conversations no eligible agent could take (capacity, availability, routing). */
  errors: number;
  perAgent: Record<number, number>;
}

async function eligibleAgents(
  tx: Tx,
  workspaceId: number,
  onlineOnly: boolean,
  defaultCapacity: number | null,
): Promise<AgentLoad[]> {
  const rows = await tx
    .select({ id: users.id, capacity: users.capacity, load: openLoad })
    .from(users)
    .leftJoin(
      conversations,
      and(eq(conversations.assignedUserId, users.id), ne(conversations.status, 'ended')),
    )
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        onlineOnly ? eq(users.availability, 'online') : ne(users.availability, 'offline'),
      ),
    )
    .groupBy(users.id);
  return rows.map((r) => ({ id: r.id, load: r.load, capacity: r.capacity ?? defaultCapacity }));
}

/**
 * Conversations waiting for a human: open, no assigned user, and no bot answering (the bot
 * handed off, or its chatbot's AI is off). Longest-waiting first; rows another transaction holds
 * (a manual assignment in flight) are skipped, not waited for.
 */
async function claimWaiting(tx: Tx, workspaceId: number, exclude: number[]) {
  const rows = (await tx.execute(sql`
    select c.id, c.unread_count,
      (select array_agg(distinct r.user_id) from contact_tags ct
         join assignment_tag_routes r on r.tag_id = ct.tag_id
        where ct.contact_id = c.contact_id) as routed
    from conversations c
    left join chatbots b on b.id = c.chatbot_id
    where c.workspace_id = ${workspaceId} and c.kind = 'customer'
      and c.assigned_user_id is null and c.status <> 'ended'
      and (c.assigned_bot_id is null or b.ai_enabled = false)
      ${exclude.length ? sql`and c.id <> all(${`{${exclude.join(',')}}`}::int[])` : sql``}
    order by coalesce(c.handoff_at, c.created_at), c.id
    limit ${BATCH}
    for update of c skip locked`)) as unknown as {
    id: number;
    unread_count: number;
    routed: number[] | null;
  }[];
  return rows;
}

async function applyBatch(
  tx: Tx,
  workspaceId: number,
  assignments: { conversationId: number; userId: number }[],
  unread: Map<number, number>,
  strategy: string,
) {
  if (assignments.length === 0) return;
  const ids = `{${assignments.map((a) => a.conversationId).join(',')}}`;
  const userIds = `{${assignments.map((a) => a.userId).join(',')}}`;
  const unreadCounts = `{${assignments.map((a) => unread.get(a.conversationId) ?? 0).join(',')}}`;
  await tx.execute(sql`
    update conversations c set assigned_user_id = v.user_id, assigned_bot_id = null,
      unread_count = 0, read = true, updated_at = now()
    from unnest(${ids}::int[], ${userIds}::int[]) as v(id, user_id)
    where c.id = v.id`);
  // The new owner joins with the messages still unread for them.
  await tx.execute(sql`
    insert into conversation_participants (workspace_id, conversation_id, user_id, unread_count)
    select ${workspaceId}, v.id, v.user_id, v.unread
    from unnest(${ids}::int[], ${userIds}::int[], ${unreadCounts}::int[]) as v(id, user_id, unread)
    on conflict do nothing`);
  const list: NewEvent[] = assignments.flatMap(({ conversationId, userId }) => [
    {
      workspaceId,
      conversationId,
      type: 'conversation:assigned' as const,
      // The strategy names the policy that chose, for the conversation's timeline.
      payload: { assignedUserId: userId, previousUserId: null, by: 'auto-assignment', strategy },
    },
    {
      workspaceId,
      conversationId,
      type: 'conversation:unread_reset' as const,
      payload: { unreadCount: 0 },
    },
  ]);
  await appendEvents(tx, list);
}

/**
 * One execution of the workspace's policy. Executions of one workspace run one at a time (a
 * transaction-scoped advisory lock), so capacity counts stay true however many run at once;
 * automatic runs do nothing while the policy is disabled, manual ones apply it anyway.
 */
export async function executeAssignment(
  workspaceId: number,
  options: { manual: boolean },
): Promise<ExecutionResult> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('auto-assignment'), ${workspaceId})`,
    );
    const policy = await loadPolicy(workspaceId, tx);
    const result: ExecutionResult = { processed: 0, errors: 0, perAgent: {} };
    if (!options.manual && !policy.enabled) return result;
    const agents = await eligibleAgents(tx, workspaceId, policy.onlineOnly, policy.defaultCapacity);
    let last = policy.lastAssignedUserId;
    const skipped: number[] = [];
    for (;;) {
      const waiting = await claimWaiting(tx, workspaceId, skipped);
      if (waiting.length === 0) break;
      const items: WaitingConversation[] = waiting.map((w) => ({ id: w.id, routedTo: w.routed }));
      const plan = planAssignments(policy.strategy, agents, items, last);
      await applyBatch(
        tx,
        workspaceId,
        plan.assignments,
        new Map(waiting.map((w) => [w.id, w.unread_count])),
        policy.strategy,
      );
      for (const a of plan.assignments) {
        result.perAgent[a.userId] = (result.perAgent[a.userId] ?? 0) + 1;
        const agent = agents.find((x) => x.id === a.userId)!;
        agent.load += 1;
      }
      result.processed += plan.assignments.length;
      result.errors += plan.unassigned.length;
      skipped.push(...plan.unassigned);
      last = plan.lastAssignedUserId;
      if (waiting.length < BATCH || plan.assignments.length === 0) break;
    }
    await tx
      .update(assignmentPolicies)
      .set({ lastAssignedUserId: last, lastRunAt: sql`now()` })
      .where(eq(assignmentPolicies.workspaceId, workspaceId));
    return result;
  });
}

/** Workspaces whose automatic assignment is due (enabled, interval elapsed). */
export async function dueWorkspaces(): Promise<number[]> {
  const rows = await db
    .select({ workspaceId: assignmentPolicies.workspaceId })
    .from(assignmentPolicies)
    .where(
      and(
        eq(assignmentPolicies.enabled, true),
        sql`(${assignmentPolicies.lastRunAt} is null or ${assignmentPolicies.lastRunAt} <= now() - make_interval(mins => ${assignmentPolicies.intervalMinutes}) + interval '5 seconds')`,
      ),
    );
  return rows.map((r) => r.workspaceId);
}
