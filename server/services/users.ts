import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AVAILABILITIES, ROLES } from '../../shared/enums';
import { LOCALES } from '../../shared/i18n/locales';
import { type Actor, requireRole } from '../auth/actor';
import { identityCache } from '../auth/identity-cache';
import { hashPassword } from '../auth/passwords';
import { type DbOrTx, db } from '../db/client';
import { type User, users } from '../db/schema';
import { AppError, isUniqueViolation, notFound } from '../errors';
import { requestAssignment } from './assignment/trigger';
import { appendEvents } from './events';
import { revokeSessionsOf } from './sessions';

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(8, 'password must be at least 8 characters').max(200);

export const CreateUserInput = z.object({
  name: z.string().trim().min(1).max(150),
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(ROLES).default('agent'),
  capacity: z.number().int().min(0).max(10_000).nullable().optional(),
});

export const UpdateUserInput = z.object({
  name: z.string().trim().min(1).max(150).optional(),
  email: emailSchema.optional(),
  password: passwordSchema.optional(),
  role: z.enum(ROLES).optional(),
  availability: z.enum(AVAILABILITIES).optional(),
  capacity: z.number().int().min(0).max(10_000).nullable().optional(),
});

/** The user as every surface shows it; the password hash never leaves this module. */
export function publicUser(u: User) {
  return {
    id: u.id,
    uuid: u.uuid,
    workspaceId: u.workspaceId,
    name: u.name,
    email: u.email,
    role: u.role,
    availability: u.availability,
    capacity: u.capacity,
    /** The console's language the user chose; null follows the browser. */
    locale: u.locale,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
export type PublicUser = ReturnType<typeof publicUser>;

const emailTaken = () => new AppError('CONFLICT', 'Email already exists');

export async function findUserInWorkspace(workspaceId: number, userId: number, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)));
  return row;
}

export async function listUsers(actor: Actor, tx: DbOrTx = db): Promise<PublicUser[]> {
  const rows = await tx
    .select()
    .from(users)
    .where(eq(users.workspaceId, actor.workspaceId))
    .orderBy(asc(users.id));
  return rows.map(publicUser);
}

export async function getUser(actor: Actor, userId: number, tx: DbOrTx = db) {
  const row = await findUserInWorkspace(actor.workspaceId, userId, tx);
  if (!row) throw notFound('User');
  return publicUser(row);
}

export async function insertUser(
  workspaceId: number,
  input: z.output<typeof CreateUserInput>,
  tx: DbOrTx = db,
): Promise<User> {
  try {
    const [row] = await tx
      .insert(users)
      .values({
        workspaceId,
        name: input.name,
        email: input.email,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        capacity: input.capacity ?? null,
      })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_unique')) throw emailTaken();
    throw err;
  }
}

export const LocaleInput = z.object({ locale: z.enum(LOCALES).nullable() });

/** Anyone's own console language (null: the browser's); nobody sets another user's. */
export async function setOwnLocale(
  actor: Actor,
  input: z.input<typeof LocaleInput>,
  tx: DbOrTx = db,
): Promise<PublicUser> {
  const { locale } = LocaleInput.parse(input);
  const [row] = await tx
    .update(users)
    .set({ locale, updatedAt: new Date() })
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)))
    .returning();
  if (!row) throw notFound('User');
  return publicUser(row);
}

export async function createUser(
  actor: Actor,
  input: z.input<typeof CreateUserInput>,
  tx: DbOrTx = db,
): Promise<PublicUser> {
  requireRole(actor, 'admin');
  return publicUser(await insertUser(actor.workspaceId, CreateUserInput.parse(input), tx));
}

export async function updateUser(
  actor: Actor,
  userId: number,
  input: z.input<typeof UpdateUserInput>,
  tx: DbOrTx = db,
): Promise<PublicUser> {
  const patch = UpdateUserInput.parse(input);
  const self = actor.userId === userId;
  const onlyAvailability = Object.keys(patch).every((k) => k === 'availability');
  // Agents may change their own availability; everything else is an admin's.
  if (!(self && onlyAvailability)) requireRole(actor, 'admin');
  if (self && patch.role && patch.role !== 'admin') {
    throw new AppError('BAD_REQUEST', 'Admins cannot remove their own admin role');
  }
  const { password, ...rest } = patch;
  const values = {
    ...rest,
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
    ...(patch.availability === 'online' ? { lastSeenAt: sql`now()` } : {}),
  };
  try {
    return await tx.transaction(async (t) => {
      const [row] = await t
        .update(users)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
        .returning();
      if (!row) throw notFound('User');
      if (patch.role !== undefined) identityCache.evict(`user:${row.id}`);
      // A new password ends every login of the user, whoever may have known the old one.
      if (password) await revokeSessionsOf(row.id, t);
      // Who is online is shown live (the supervisor's agents table, the assignment pickers).
      if (patch.availability !== undefined) {
        await appendEvents(t, [
          {
            workspaceId: row.workspaceId,
            type: 'user:availability',
            payload: { userId: row.id, availability: row.availability },
          },
        ]);
      }
      // An agent coming online or gaining capacity may take waiting conversations now.
      if (patch.availability === 'online' || patch.capacity !== undefined) {
        await requestAssignment(t, actor.workspaceId);
      }
      return publicUser(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_unique')) throw emailTaken();
    throw err;
  }
}
