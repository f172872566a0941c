import { and, asc, count, eq, ilike, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import {
  applications,
  type CatalogEntry,
  type CatalogTable,
  contactUserAccounts,
  devices,
  servers,
  type tags,
} from '../db/schema';
import { AppError, isForeignKeyViolation, isUniqueViolation, notFound } from '../errors';
import { likePattern, offsetOf, type Page, pageQuery, toPage } from './pagination';

export const nameField = z
  .string({
    error: (i) => (i.input == null ? 'name should not be empty' : 'name must be a string'),
  })
  .trim()
  .min(1, 'name should not be empty')
  .max(100, 'name must be shorter than or equal to 100 characters');

export const NamedInput = z.object({ name: nameField });
export const UpdateNamedInput = z.object({ name: nameField.optional() });
export const ListQuery = z.object({ search: z.string().optional(), ...pageQuery(10) });

export const nameTaken = () => new AppError('CONFLICT', 'Name already exists');

/** Which account column points at each catalogue, for the in-use check on delete. */
const KINDS = {
  server: { table: servers, label: 'Server', accountColumn: contactUserAccounts.serverId },
  device: { table: devices, label: 'Device', accountColumn: contactUserAccounts.deviceId },
  application: {
    table: applications,
    label: 'Application',
    accountColumn: contactUserAccounts.applicationId,
  },
} as const;
export type CatalogKind = keyof typeof KINDS;
export const CATALOG_KINDS = Object.keys(KINDS) as CatalogKind[];

const scope = (table: CatalogTable, actor: Actor, id: number) =>
  and(eq(table.id, id), eq(table.workspaceId, actor.workspaceId));

export async function findEntry(kind: CatalogKind, actor: Actor, id: number, tx: DbOrTx = db) {
  const { table, label } = KINDS[kind];
  const [row] = await tx
    .select()
    .from(table)
    .where(scope(table, actor, id));
  if (!row) throw notFound(label);
  return row;
}

export async function listEntries(
  kind: CatalogKind,
  actor: Actor,
  query: z.input<typeof ListQuery>,
  tx: DbOrTx = db,
): Promise<Page<CatalogEntry>> {
  const { table } = KINDS[kind];
  const { search, page, limit } = ListQuery.parse(query);
  const where = and(
    eq(table.workspaceId, actor.workspaceId),
    search ? ilike(table.name, likePattern(search)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(table)
      .where(where)
      .orderBy(asc(table.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    tx.select({ n: count() }).from(table).where(where),
  ]);
  return toPage(rows, total?.n ?? 0, page, limit);
}

/** Names are unique per workspace, case-insensitively; the unique index backs this check up. */
export async function assertNameFree(
  table: CatalogTable | typeof tags,
  actor: Actor,
  name: string,
  exceptId: number | null,
  tx: DbOrTx,
) {
  const [clash] = await tx
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.workspaceId, actor.workspaceId),
        sql`lower(${table.name}) = lower(${name})`,
        exceptId === null ? undefined : ne(table.id, exceptId),
      ),
    );
  if (clash) throw nameTaken();
}

export async function createEntry(
  kind: CatalogKind,
  actor: Actor,
  input: z.input<typeof NamedInput>,
  tx: DbOrTx = db,
) {
  const { table } = KINDS[kind];
  const { name } = NamedInput.parse(input);
  await assertNameFree(table, actor, name, null, tx);
  try {
    const [row] = await tx
      .insert(table)
      .values({ workspaceId: actor.workspaceId, name })
      .returning();
    return row!;
  } catch (err) {
    // Two creates racing past the check: the unique index decides.
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function updateEntry(
  kind: CatalogKind,
  actor: Actor,
  id: number,
  input: z.input<typeof UpdateNamedInput>,
  tx: DbOrTx = db,
) {
  const { table } = KINDS[kind];
  const { name } = UpdateNamedInput.parse(input);
  const existing = await findEntry(kind, actor, id, tx);
  if (name === undefined) return existing;
  await assertNameFree(table, actor, name, id, tx);
  try {
    const [row] = await tx
      .update(table)
      .set({ name, updatedAt: new Date() })
      .where(scope(table, actor, id))
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** An entry still used by a contact account cannot be deleted (409), so accounts stay whole. */
export async function deleteEntry(kind: CatalogKind, actor: Actor, id: number, tx: DbOrTx = db) {
  const { table, label, accountColumn } = KINDS[kind];
  await findEntry(kind, actor, id, tx);
  const [used] = await tx
    .select({ n: count() })
    .from(contactUserAccounts)
    .where(eq(accountColumn, id));
  const inUse = () =>
    new AppError(
      'CONFLICT',
      `${label} is used by ${used?.n ?? 'some'} contact user account(s); reassign or delete them first`,
    );
  if ((used?.n ?? 0) > 0) throw inUse();
  try {
    await tx.delete(table).where(scope(table, actor, id));
  } catch (err) {
    if (isForeignKeyViolation(err)) throw inUse();
    throw err;
  }
}
