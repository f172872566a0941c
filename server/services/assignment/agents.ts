import { and, asc, eq, ne } from 'drizzle-orm';
import { type Actor, requireRole } from '../../auth/actor';
import { db } from '../../db/client';
import { conversations, users } from '../../db/schema';
import { openLoad } from './execute';
import { loadPolicy } from './policy';

/** Supervisors' view of the team: availability, open load and effective capacity. */
export async function agentLoads(actor: Actor) {
  requireRole(actor, 'supervisor');
  const policy = await loadPolicy(actor.workspaceId);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      availability: users.availability,
      capacity: users.capacity,
      lastSeenAt: users.lastSeenAt,
      load: openLoad,
    })
    .from(users)
    .leftJoin(
      conversations,
      and(eq(conversations.assignedUserId, users.id), ne(conversations.status, 'ended')),
    )
    .where(eq(users.workspaceId, actor.workspaceId))
    .groupBy(users.id)
    .orderBy(asc(users.id));
  return rows.map((r) => ({
    ...r,
    effectiveCapacity: r.capacity ?? policy.defaultCapacity,
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
  }));
}
