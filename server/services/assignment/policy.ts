import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ASSIGNMENT_STRATEGIES } from '../../../shared/enums';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import {
  type AssignmentPolicy,
  assignmentPolicies,
  assignmentTagRoutes,
  tags,
  users,
} from '../../db/schema';
import { AppError } from '../../errors';
import { rowId } from '../ids';

export const PolicyInput = z.object({
  enabled: z.boolean().optional(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
  onlineOnly: z.boolean().optional(),
  defaultCapacity: z.number().int().min(0).max(10_000).nullable().optional(),
  intervalMinutes: z.number().int().min(1).max(1440).optional(),
  /** Tag routing: tag id → the agents who may receive its conversations. Replaces all routes. */
  tagRoutes: z
    .array(z.object({ tagId: rowId, userIds: z.array(rowId).max(500) }))
    .max(500)
    .optional(),
});

/** The workspace's policy, created with the defaults on first use (least_loaded, online, on). */
export async function loadPolicy(workspaceId: number, tx: DbOrTx = db): Promise<AssignmentPolicy> {
  const [row] = await tx
    .select()
    .from(assignmentPolicies)
    .where(eq(assignmentPolicies.workspaceId, workspaceId));
  if (row) return row;
  const [created] = await tx
    .insert(assignmentPolicies)
    .values({ workspaceId })
    .onConflictDoUpdate({ target: assignmentPolicies.workspaceId, set: { workspaceId } })
    .returning();
  return created!;
}

async function routesOf(workspaceId: number, tx: DbOrTx) {
  const rows = await tx
    .select({ tagId: assignmentTagRoutes.tagId, userId: assignmentTagRoutes.userId })
    .from(assignmentTagRoutes)
    .where(eq(assignmentTagRoutes.workspaceId, workspaceId))
    .orderBy(asc(assignmentTagRoutes.tagId), asc(assignmentTagRoutes.userId));
  const byTag = new Map<number, number[]>();
  for (const r of rows) byTag.set(r.tagId, [...(byTag.get(r.tagId) ?? []), r.userId]);
  return [...byTag].map(([tagId, userIds]) => ({ tagId, userIds }));
}

function publicPolicy(p: AssignmentPolicy, tagRoutes: { tagId: number; userIds: number[] }[]) {
  return {
    enabled: p.enabled,
    strategy: p.strategy,
    onlineOnly: p.onlineOnly,
    defaultCapacity: p.defaultCapacity,
    intervalMinutes: p.intervalMinutes,
    lastRunAt: p.lastRunAt?.toISOString() ?? null,
    tagRoutes,
  };
}

export async function getPolicy(actor: Actor) {
  requireRole(actor, 'supervisor');
  const policy = await loadPolicy(actor.workspaceId);
  return publicPolicy(policy, await routesOf(actor.workspaceId, db));
}

/** Supervisors and admins edit the policy; tag routes name only this workspace's tags and users. */
export async function updatePolicy(actor: Actor, input: z.input<typeof PolicyInput>) {
  requireRole(actor, 'supervisor');
  const { tagRoutes, ...fields } = PolicyInput.parse(input);
  return db.transaction(async (tx) => {
    await loadPolicy(actor.workspaceId, tx);
    const [policy] = await tx
      .update(assignmentPolicies)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(assignmentPolicies.workspaceId, actor.workspaceId))
      .returning();
    if (tagRoutes) {
      const tagIds = [...new Set(tagRoutes.map((r) => r.tagId))];
      const userIds = [...new Set(tagRoutes.flatMap((r) => r.userIds))];
      const [knownTags, knownUsers] = await Promise.all([
        tagIds.length
          ? tx
              .select({ id: tags.id })
              .from(tags)
              .where(and(eq(tags.workspaceId, actor.workspaceId), inArray(tags.id, tagIds)))
          : [],
        userIds.length
          ? tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.workspaceId, actor.workspaceId), inArray(users.id, userIds)))
          : [],
      ]);
      if (knownTags.length !== tagIds.length) throw new AppError('NOT_FOUND', 'Tag not found');
      if (knownUsers.length !== userIds.length) throw new AppError('NOT_FOUND', 'User not found');
      await tx
        .delete(assignmentTagRoutes)
        .where(eq(assignmentTagRoutes.workspaceId, actor.workspaceId));
      const values = tagRoutes.flatMap((r) =>
        [...new Set(r.userIds)].map((userId) => ({
          workspaceId: actor.workspaceId,
          tagId: r.tagId,
          userId,
        })),
      );
      if (values.length) await tx.insert(assignmentTagRoutes).values(values).onConflictDoNothing();
    }
    return publicPolicy(policy!, await routesOf(actor.workspaceId, tx));
  });
}
