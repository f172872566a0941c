import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ROLE_RANK } from '../../../shared/enums';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type CannedResponse, cannedResponses } from '../../db/schema';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { parseRef } from '../ids';
import { type CannedScope, CreateCannedInput, ListCannedInput, UpdateCannedInput } from './inputs';

/*
 * Canned responses: the workspace's shared ones (owner null; supervisors and admins write them)
 * and each agent's personal ones (only their owner sees or writes them). A colleague's personal
 * one is answered NOT_FOUND, as a row of another workspace: it is private, like a direct chat.
 * A shared one is visible to every agent, so an agent's edit of it is FORBIDDEN, as their reply
 * in a colleague's conversation is.
 */

export interface PublicCannedResponse {
  id: number;
  uuid: string;
  scope: CannedScope;
  shortcut: string;
  title: string;
  body: string;
  /** Whether the caller may edit and delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

const isSupervisor = (actor: Actor) => ROLE_RANK[actor.role] >= ROLE_RANK.supervisor;

export function publicCanned(actor: Actor, c: CannedResponse): PublicCannedResponse {
  const scope: CannedScope = c.ownerUserId === null ? 'shared' : 'personal';
  return {
    id: c.id,
    uuid: c.uuid,
    scope,
    shortcut: c.shortcut,
    title: c.title,
    body: c.body,
    editable: scope === 'personal' || isSupervisor(actor),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** What the actor may see: the workspace's shared ones and their own. */
const visibleTo = (actor: Actor) =>
  and(
    eq(cannedResponses.workspaceId, actor.workspaceId),
    or(isNull(cannedResponses.ownerUserId), eq(cannedResponses.ownerUserId, actor.userId)),
  );

export async function findCanned(
  actor: Actor,
  raw: string | number,
  tx: DbOrTx = db,
): Promise<CannedResponse> {
  const ref = parseRef(raw, 'Canned response');
  const [row] = await tx
    .select()
    .from(cannedResponses)
    .where(
      and(
        'id' in ref ? eq(cannedResponses.id, ref.id) : eq(cannedResponses.uuid, ref.uuid),
        visibleTo(actor),
      ),
    );
  if (!row) throw notFound('Canned response');
  return row;
}

function assertMayWrite(actor: Actor, ownerUserId: number | null) {
  if (ownerUserId === null && !isSupervisor(actor)) {
    throw new AppError(
      'FORBIDDEN',
      'Only supervisors and admins can change shared canned responses',
    );
  }
}

/** A write whose shortcut is taken in its scope: a CONFLICT naming it, by the field. */
async function write<T>(shortcut: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (
      isUniqueViolation(err, 'canned_responses_shared_shortcut') ||
      isUniqueViolation(err, 'canned_responses_personal_shortcut')
    ) {
      const message = `Shortcut /${shortcut} is already taken`;
      throw new AppError('CONFLICT', message, [{ field: 'shortcut', message }]);
    }
    throw err;
  }
}

/** `term` as a LIKE pattern's text (its own % _ \ taken literally), folded as kb_fold folds. */
const folded = (term: string) => sql`kb_fold(${term.replace(/[\\%_]/g, (c) => `\\${c}`)})`;

/**
 * The shared ones and the caller's own. A search matches a shortcut by its start and a title or
 * body anywhere, ignoring case and accents; shortcut matches come first. On one shortcut the
 * personal one comes before the shared one (the composer offers both).
 */
export async function listCanned(
  actor: Actor,
  input: z.input<typeof ListCannedInput> = {},
  tx: DbOrTx = db,
): Promise<PublicCannedResponse[]> {
  const { search, limit } = ListCannedInput.parse(input);
  const term = search?.replace(/^\//, '') ?? '';
  let shortcutMatch: SQL | undefined;
  let where = visibleTo(actor);
  if (term) {
    const pattern = folded(term);
    shortcutMatch = sql`kb_fold(${cannedResponses.shortcut}) like ${pattern} || '%'`;
    where = and(
      where,
      or(
        shortcutMatch,
        sql`kb_fold(${cannedResponses.title}) like '%' || ${pattern} || '%'`,
        sql`kb_fold(${cannedResponses.body}) like '%' || ${pattern} || '%'`,
      ),
    );
  }
  const rows = await tx
    .select()
    .from(cannedResponses)
    .where(where)
    .orderBy(
      ...(shortcutMatch ? [desc(shortcutMatch)] : []),
      asc(sql`lower(${cannedResponses.shortcut})`),
      sql`${cannedResponses.ownerUserId} is null`,
      asc(cannedResponses.id),
    )
    .limit(limit);
  return rows.map((r) => publicCanned(actor, r));
}

export async function getCanned(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  return publicCanned(actor, await findCanned(actor, ref, tx));
}

export async function createCanned(
  actor: Actor,
  input: z.input<typeof CreateCannedInput>,
  tx: DbOrTx = db,
): Promise<PublicCannedResponse> {
  const { scope, ...data } = CreateCannedInput.parse(input);
  if (scope === 'shared') requireRole(actor, 'supervisor');
  const [row] = await write(data.shortcut, () =>
    tx
      .insert(cannedResponses)
      .values({
        ...data,
        workspaceId: actor.workspaceId,
        ownerUserId: scope === 'shared' ? null : actor.userId,
        createdByUserId: actor.userId,
      })
      .returning(),
  );
  return publicCanned(actor, row!);
}

export async function updateCanned(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof UpdateCannedInput>,
  tx: DbOrTx = db,
): Promise<PublicCannedResponse> {
  const patch = UpdateCannedInput.parse(input);
  const existing = await findCanned(actor, ref, tx);
  assertMayWrite(actor, existing.ownerUserId);
  const [row] = await write(patch.shortcut ?? existing.shortcut, () =>
    tx
      .update(cannedResponses)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(cannedResponses.id, existing.id))
      .returning(),
  );
  return publicCanned(actor, row!);
}

export async function deleteCanned(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  const existing = await findCanned(actor, ref, tx);
  assertMayWrite(actor, existing.ownerUserId);
  await tx.delete(cannedResponses).where(eq(cannedResponses.id, existing.id));
}
