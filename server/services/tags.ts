import { and, asc, count, eq, ilike, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import { type Tag, tags } from '../db/schema';
import { isUniqueViolation, notFound } from '../errors';
import { assertNameFree, ListQuery, nameField, nameTaken } from './catalog';
import { likePattern, offsetOf, type Page, toPage } from './pagination';

const colorField = z
  .string()
  .regex(/^#[0-9a-fA-F]{3,8}$/, 'color must be a hexadecimal color')
  .nullable();

export const CreateTagInput = z.object({ name: nameField, color: colorField.optional() });
export const UpdateTagInput = z.object({
  name: nameField.optional(),
  color: colorField.optional(),
});

const scope = (actor: Actor, id: number) =>
  and(eq(tags.id, id), eq(tags.workspaceId, actor.workspaceId));

export async function findTag(actor: Actor, id: number, tx: DbOrTx = db) {
  const [row] = await tx.select().from(tags).where(scope(actor, id));
  if (!row) throw notFound('Tag');
  return row;
}

export async function listTags(
  actor: Actor,
  query: z.input<typeof ListQuery>,
  tx: DbOrTx = db,
): Promise<Page<Tag>> {
  const { search, page, limit } = ListQuery.parse(query);
  const where = and(
    eq(tags.workspaceId, actor.workspaceId),
    search ? ilike(tags.name, likePattern(search)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(tags)
      .where(where)
      .orderBy(asc(tags.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    tx.select({ n: count() }).from(tags).where(where),
  ]);
  return toPage(rows, total?.n ?? 0, page, limit);
}

export async function getTag(actor: Actor, id: number, tx: DbOrTx = db): Promise<Tag> {
  return findTag(actor, id, tx);
}

export async function createTag(
  actor: Actor,
  input: z.input<typeof CreateTagInput>,
  tx: DbOrTx = db,
): Promise<Tag> {
  const data = CreateTagInput.parse(input);
  await assertNameFree(tags, actor, data.name, null, tx);
  try {
    const [row] = await tx
      .insert(tags)
      .values({ workspaceId: actor.workspaceId, name: data.name, color: data.color ?? null })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function updateTag(
  actor: Actor,
  id: number,
  input: z.input<typeof UpdateTagInput>,
  tx: DbOrTx = db,
): Promise<Tag> {
  const patch = UpdateTagInput.parse(input);
  const existing = await findTag(actor, id, tx);
  if (patch.name === undefined && patch.color === undefined) return existing;
  if (patch.name !== undefined) await assertNameFree(tags, actor, patch.name, id, tx);
  try {
    const [row] = await tx
      .update(tags)
      .set({ ...patch, updatedAt: new Date() })
      .where(scope(actor, id))
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** Deleting a tag unlinks it from every contact (contact_tags cascades). */
export async function deleteTag(actor: Actor, id: number, tx: DbOrTx = db) {
  await findTag(actor, id, tx);
  await tx.delete(tags).where(scope(actor, id));
}

/**
 * Checks tag ids passed in a body: each must name a tag of the caller's workspace, or the
 * answer is 404 `Tag not found`, the same for an id of another workspace's tag as for an id of
 * no tag at all; answered differently, the two would tell any caller which ids exist elsewhere.
 */
export async function resolveTagIds(
  actor: Actor,
  ids: number[],
  tx: DbOrTx = db,
): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [row] = await tx
    .select({ n: count() })
    .from(tags)
    .where(and(eq(tags.workspaceId, actor.workspaceId), inArray(tags.id, unique)));
  if ((row?.n ?? 0) !== unique.length) throw notFound('Tag');
  return unique;
}
