import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { randomToken, sha256 } from '../auth/secrets';
import { signAccessToken } from '../auth/tokens';
import { config } from '../config';
import { type DbOrTx, db } from '../db/client';
import { authFailures, refreshTokens, type User, users } from '../db/schema';
import { AppError } from '../errors';
import { markAwayOnLogout } from './availability';
import { revokeSession } from './sessions';
import { emailSchema, insertUser, passwordSchema, publicUser } from './users';
import { createWorkspace } from './workspaces';

export const RegisterInput = z.object({
  workspaceName: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(150),
  email: emailSchema,
  password: passwordSchema,
});

export const LoginInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const RefreshInput = z.object({ refreshToken: z.string().min(1).max(200) });

const invalidCredentials = () => new AppError('UNAUTHORIZED', 'Invalid email or password');
const invalidRefresh = () => new AppError('UNAUTHORIZED', 'Invalid refresh token');

async function issueSession(user: User, familyId: string, tx: DbOrTx) {
  const refreshToken = randomToken();
  await tx.insert(refreshTokens).values({
    workspaceId: user.workspaceId,
    userId: user.id,
    tokenHash: sha256(refreshToken),
    familyId,
    expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  const accessToken = await signAccessToken({
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    sessionId: familyId,
  });
  return { accessToken, refreshToken, user: publicUser(user) };
}
export type Session = Awaited<ReturnType<typeof issueSession>>;

/** A new login for `user`: a refresh token family of its own and its first access token. */
export function openSession(user: User, tx: DbOrTx = db): Promise<Session> {
  return issueSession(user, randomUUID(), tx);
}

export async function register(input: z.input<typeof RegisterInput>): Promise<Session> {
  if (!config.ALLOW_SIGNUP) throw new AppError('FORBIDDEN', 'Sign-up is disabled');
  const data = RegisterInput.parse(input);
  return db.transaction(async (tx) => {
    const workspace = await createWorkspace(data.workspaceName, tx);
    const user = await insertUser(workspace.id, { ...data, role: 'admin' }, tx);
    return openSession(user, tx);
  });
}

/** Failed attempts per email and IP over the last minute; past the limit → 429. */
async function assertNotThrottled(key: string) {
  const [row] = await db
    .select({ n: count() })
    .from(authFailures)
    .where(
      and(eq(authFailures.key, key), gt(authFailures.createdAt, sql`now() - interval '1 minute'`)),
    );
  if ((row?.n ?? 0) >= config.LOGIN_MAX_FAILURES) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      'Too many failed login attempts; try again in a minute',
    );
  }
}

async function recordFailure(key: string) {
  await db.insert(authFailures).values({ key });
  // Keep the table small; old rows no longer count.
  await db.delete(authFailures).where(lt(authFailures.createdAt, sql`now() - interval '1 hour'`));
}

export async function login(input: z.input<typeof LoginInput>, ip: string): Promise<Session> {
  const data = LoginInput.parse(input);
  const key = `${data.email}|${ip}`;
  await assertNotThrottled(key);
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${data.email}`);
  const ok = await verifyPassword(data.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await recordFailure(key);
    throw invalidCredentials();
  }
  return openSession(user);
}

/**
 * Rotates a refresh token. A token that was already used is a sign of theft: the whole family
 * (every token descended from that login) is revoked.
 */
export async function refresh(input: z.input<typeof RefreshInput>): Promise<Session> {
  const { refreshToken } = RefreshInput.parse(input);
  const outcome = await db.transaction(async (tx) => {
    const [token] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(refreshToken)))
      .for('update');
    if (!token || token.revokedAt || token.expiresAt < new Date()) return null;
    if (token.usedAt) {
      await revokeSession(token.familyId, tx);
      return 'reused' as const;
    }
    await tx
      .update(refreshTokens)
      .set({ usedAt: new Date() })
      .where(eq(refreshTokens.id, token.id));
    const [user] = await tx.select().from(users).where(eq(users.id, token.userId));
    if (!user) return null;
    return issueSession(user, token.familyId, tx);
  });
  if (!outcome || outcome === 'reused') throw invalidRefresh();
  return outcome;
}

/**
 * Ends the login the refresh token belongs to: its refresh and access tokens, its sockets. An
 * online user becomes away in the same transaction, so auto-assignment gives them nothing from
 * the moment they leave (closing the tab instead keeps the presence sweep's grace period).
 */
export async function logout(input: z.input<typeof RefreshInput>): Promise<{ ok: true }> {
  const { refreshToken } = RefreshInput.parse(input);
  await db.transaction(async (tx) => {
    const [token] = await tx
      .select({ familyId: refreshTokens.familyId, userId: refreshTokens.userId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(refreshToken)));
    if (!token) return;
    await revokeSession(token.familyId, tx);
    await markAwayOnLogout(token.userId, tx);
  });
  return { ok: true };
}
