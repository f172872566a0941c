import { and, asc, count, eq, getTableColumns, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../auth/actor';
import { decryptSecret, encryptSecret } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import {
  accountSecretReveals,
  type ContactUserAccount,
  contacts,
  contactUserAccounts,
} from '../db/schema';
import { notFound } from '../errors';
import { findEntry } from './catalog';
import { findContact } from './contacts';
import { INT4_MAX, idField, offsetOf, type Page, pageQuery, toPage } from './pagination';

/** `id_line_server` is a plain int4 column: any integer that fits. */
const lineNumber = z
  .number({ error: 'id_line_server must be an integer number' })
  .int('id_line_server must be an integer number')
  .min(-INT4_MAX - 1, `id_line_server must not be less than ${-INT4_MAX - 1}`)
  .max(INT4_MAX, `id_line_server must not be greater than ${INT4_MAX}`);

const text = (field: string, max: number) =>
  z
    .string({
      error: (i) =>
        i.input == null ? `${field} should not be empty` : `${field} must be a string`,
    })
    .min(1, `${field} should not be empty`)
    .max(max, `${field} must be shorter than or equal to ${max} characters`);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 and a day the calendar has: `Date.parse` would roll 2024-02-30 over to March. */
function isRealDate(s: string): boolean {
  if (!ISO_8601.test(s) || Number.isNaN(Date.parse(s))) return false;
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** An ISO 8601 string (or a Date, so an already-parsed input parses again unchanged). */
const isoDate = z.union(
  [
    z.date(),
    z
      .string({ error: 'date_exp must be a valid ISO 8601 date string' })
      .refine(isRealDate, 'date_exp must be a valid ISO 8601 date string')
      .transform((s) => new Date(s)),
  ],
  { error: 'date_exp must be a valid ISO 8601 date string' },
);

export const CreateAccountInput = z.object({
  contact_id: idField('contact_id'),
  username_final: text('username_final', 150),
  password_final: text('password_final', 255),
  server_id: idField('server_id'),
  id_line_server: lineNumber.nullable().optional(),
  date_exp: isoDate.nullable().optional(),
  application_id: idField('application_id').nullable().optional(),
  device_id: idField('device_id').nullable().optional(),
});

export const UpdateAccountInput = CreateAccountInput.omit({ contact_id: true }).partial();

export const AccountListQuery = z.object(pageQuery(20));

/**
 * An account as this module hands it out: without its password, not even encrypted. Only
 * `revealPassword` reads that column, and records who did.
 */
export type Account = Omit<ContactUserAccount, 'passwordFinalEncrypted'>;
const { passwordFinalEncrypted: _secret, ...accountColumns } = getTableColumns(contactUserAccounts);

/** One recorded reveal of an account's password. */
export type SecretReveal = typeof accountSecretReveals.$inferSelect;

/** The password of an account, decrypted for a supervisor, and when that was recorded. */
export interface RevealedPassword {
  accountId: number;
  password: string;
  revealedAt: Date;
}

const scope = (actor: Actor, id: number) =>
  and(eq(contactUserAccounts.id, id), eq(contactUserAccounts.workspaceId, actor.workspaceId));

async function findAccount(actor: Actor, id: number, tx: DbOrTx): Promise<Account> {
  const [row] = await tx.select(accountColumns).from(contactUserAccounts).where(scope(actor, id));
  if (!row) throw notFound('Contact user account');
  return row;
}

/** Every id in the body must name a row of the caller's workspace (404 otherwise). */
async function checkReferences(
  actor: Actor,
  refs: { server_id?: number; application_id?: number | null; device_id?: number | null },
  tx: DbOrTx,
) {
  if (refs.server_id !== undefined) await findEntry('server', actor, refs.server_id, tx);
  if (refs.application_id != null) await findEntry('application', actor, refs.application_id, tx);
  if (refs.device_id != null) await findEntry('device', actor, refs.device_id, tx);
}

export async function listAccounts(
  actor: Actor,
  query: z.input<typeof AccountListQuery>,
  tx: DbOrTx = db,
): Promise<Page<Account>> {
  const { page, limit } = AccountListQuery.parse(query);
  const where = eq(contactUserAccounts.workspaceId, actor.workspaceId);
  const [rows, [total]] = await Promise.all([
    tx
      .select(accountColumns)
      .from(contactUserAccounts)
      .where(where)
      .orderBy(asc(contactUserAccounts.id))
      .limit(limit)
      .offset(offsetOf(page, limit)),
    tx.select({ n: count() }).from(contactUserAccounts).where(where),
  ]);
  return toPage(rows, total?.n ?? 0, page, limit);
}

export async function getAccount(actor: Actor, id: number, tx: DbOrTx = db) {
  return findAccount(actor, id, tx);
}

export async function accountsOfContact(actor: Actor, contactId: number, tx: DbOrTx = db) {
  const contact = await findContact(actor, contactId, tx);
  return tx
    .select(accountColumns)
    .from(contactUserAccounts)
    .where(eq(contactUserAccounts.contactId, contact.id))
    .orderBy(asc(contactUserAccounts.id));
}

export async function createAccount(
  actor: Actor,
  input: z.input<typeof CreateAccountInput>,
  tx: DbOrTx = db,
) {
  const data = CreateAccountInput.parse(input);
  await findContact(actor, data.contact_id, tx);
  await checkReferences(actor, data, tx);
  const [row] = await tx
    .insert(contactUserAccounts)
    .values({
      workspaceId: actor.workspaceId,
      contactId: data.contact_id,
      usernameFinal: data.username_final,
      passwordFinalEncrypted: encryptSecret(data.password_final),
      serverId: data.server_id,
      idLineServer: data.id_line_server ?? null,
      dateExp: data.date_exp ?? null,
      applicationId: data.application_id ?? null,
      deviceId: data.device_id ?? null,
    })
    .returning(accountColumns);
  return row!;
}

export async function updateAccount(
  actor: Actor,
  id: number,
  input: z.input<typeof UpdateAccountInput>,
  tx: DbOrTx = db,
) {
  const patch = UpdateAccountInput.parse(input);
  await findAccount(actor, id, tx);
  await checkReferences(actor, patch, tx);
  const values = {
    ...(patch.username_final !== undefined ? { usernameFinal: patch.username_final } : {}),
    ...(patch.password_final !== undefined
      ? { passwordFinalEncrypted: encryptSecret(patch.password_final) }
      : {}),
    ...(patch.server_id !== undefined ? { serverId: patch.server_id } : {}),
    ...(patch.id_line_server !== undefined ? { idLineServer: patch.id_line_server } : {}),
    ...(patch.date_exp !== undefined ? { dateExp: patch.date_exp } : {}),
    ...(patch.application_id !== undefined ? { applicationId: patch.application_id } : {}),
    ...(patch.device_id !== undefined ? { deviceId: patch.device_id } : {}),
  };
  const [row] = await tx
    .update(contactUserAccounts)
    .set({ ...values, updatedAt: new Date() })
    .where(scope(actor, id))
    .returning(accountColumns);
  return row!;
}

export async function deleteAccount(actor: Actor, id: number, tx: DbOrTx = db) {
  await findAccount(actor, id, tx);
  await tx.delete(contactUserAccounts).where(scope(actor, id));
}

/** Supervisors only; every reveal is recorded (who, when) in account_secret_reveals. */
export async function revealPassword(actor: Actor, id: number): Promise<RevealedPassword> {
  requireRole(actor, 'supervisor');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: contactUserAccounts.id, secret: contactUserAccounts.passwordFinalEncrypted })
      .from(contactUserAccounts)
      .where(scope(actor, id));
    if (!row) throw notFound('Contact user account');
    const [audit] = await tx
      .insert(accountSecretReveals)
      .values({ workspaceId: actor.workspaceId, accountId: row.id, userId: actor.userId })
      .returning();
    return {
      accountId: row.id,
      password: decryptSecret(row.secret),
      revealedAt: audit!.createdAt,
    };
  });
}

export async function revealHistory(
  actor: Actor,
  id: number,
  tx: DbOrTx = db,
): Promise<SecretReveal[]> {
  requireRole(actor, 'supervisor');
  await findAccount(actor, id, tx);
  return tx
    .select()
    .from(accountSecretReveals)
    .where(eq(accountSecretReveals.accountId, id))
    .orderBy(asc(accountSecretReveals.id));
}

/** Accounts whose date_exp falls between now and `withinDays` from now, soonest first. */
export async function expiringAccounts(actor: Actor, withinDays: number, tx: DbOrTx = db) {
  return tx
    .select({ account: accountColumns, contactName: contacts.name })
    .from(contactUserAccounts)
    .innerJoin(contacts, eq(contacts.id, contactUserAccounts.contactId))
    .where(
      and(
        eq(contactUserAccounts.workspaceId, actor.workspaceId),
        gte(contactUserAccounts.dateExp, sql`now()`),
        lte(contactUserAccounts.dateExp, sql`now() + make_interval(days => ${withinDays})`),
      ),
    )
    .orderBy(asc(contactUserAccounts.dateExp), asc(contactUserAccounts.id));
}
export type ExpiringAccount = Awaited<ReturnType<typeof expiringAccounts>>[number];
