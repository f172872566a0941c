import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type KnowledgeCollection, knowledgeArticles, knowledgeCollections } from '../../db/schema';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { type EntityRef, parseRef } from '../ids';

export const collectionName = z
  .string()
  .trim()
  .min(1, 'name should not be empty')
  .max(120, 'name must be shorter than or equal to 120 characters');

export const CollectionInput = z.object({ name: collectionName });

const nameTaken = () => new AppError('CONFLICT', 'A collection with this name already exists');

const refWhere = (ref: EntityRef) =>
  'id' in ref ? eq(knowledgeCollections.id, ref.id) : eq(knowledgeCollections.uuid, ref.uuid);

/** One of the workspace's collections, by id or uuid; another workspace's is not found. */
export async function findCollection(
  workspaceId: number,
  raw: string | number,
  tx: DbOrTx = db,
): Promise<KnowledgeCollection> {
  const [row] = await tx
    .select()
    .from(knowledgeCollections)
    .where(
      and(refWhere(parseRef(raw, 'Collection')), eq(knowledgeCollections.workspaceId, workspaceId)),
    );
  if (!row) throw notFound('Collection');
  return row;
}

export async function listCollections(actor: Actor, tx: DbOrTx = db) {
  return tx
    .select({
      id: knowledgeCollections.id,
      uuid: knowledgeCollections.uuid,
      name: knowledgeCollections.name,
      createdAt: knowledgeCollections.createdAt,
      updatedAt: knowledgeCollections.updatedAt,
      articleCount: count(knowledgeArticles.id),
    })
    .from(knowledgeCollections)
    .leftJoin(knowledgeArticles, eq(knowledgeArticles.collectionId, knowledgeCollections.id))
    .where(eq(knowledgeCollections.workspaceId, actor.workspaceId))
    .groupBy(knowledgeCollections.id)
    .orderBy(asc(knowledgeCollections.name), asc(knowledgeCollections.id));
}

export async function createCollection(
  actor: Actor,
  input: z.input<typeof CollectionInput>,
  tx: DbOrTx = db,
): Promise<KnowledgeCollection> {
  requireRole(actor, 'supervisor');
  const { name } = CollectionInput.parse(input);
  try {
    const [row] = await tx
      .insert(knowledgeCollections)
      .values({ workspaceId: actor.workspaceId, name })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function renameCollection(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof CollectionInput>,
  tx: DbOrTx = db,
): Promise<KnowledgeCollection> {
  requireRole(actor, 'supervisor');
  const { name } = CollectionInput.parse(input);
  const existing = await findCollection(actor.workspaceId, ref, tx);
  try {
    const [row] = await tx
      .update(knowledgeCollections)
      .set({ name, updatedAt: new Date() })
      .where(eq(knowledgeCollections.id, existing.id))
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** Its articles and their passages go with it (cascade), and every chatbot stops using it. */
export async function deleteCollection(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const existing = await findCollection(actor.workspaceId, ref, tx);
  await tx.delete(knowledgeCollections).where(eq(knowledgeCollections.id, existing.id));
}
