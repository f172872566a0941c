import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../db/client';
import { refreshTokens, users } from '../db/schema';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { identityCache } from './identity-cache';
import { verifyAccessToken } from './tokens';

export interface Authenticated {
  actor: Actor;
}

/** What a socket needs besides the actor: which login, and until when. */
export interface AuthenticatedSession extends Authenticated {
  sessionId: string;
  /** The token's `exp`, seconds since the epoch. */
  expiresAt: number;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

async function loadActor(userId: number): Promise<Actor | undefined> {
  const [row] = await db
    .select({ userId: users.id, workspaceId: users.workspaceId, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** A login is live while one of its refresh tokens is unrevoked (logout revokes them all). */
async function sessionLive(sessionId: string, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, sessionId),
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The cache keys whose invalidation can end or change what this token grants. */
export function invalidationKeys(auth: AuthenticatedSession): string[] {
  return [`user:${auth.actor.userId}`, `session:${auth.sessionId}`];
}

/**
 * Verifies an access token and checks its user and its login against the database, so a
 * deleted user, a changed role, a logout or a password change takes effect at once rather
 * than when the token expires. Both are cached per process and evicted on such a change
 * (identity-cache.ts; the triggers of migrations 0008 and 0015).
 */
export async function authenticate(token: string): Promise<AuthenticatedSession> {
  const claims = await verifyAccessToken(token);
  const [actor, live] = await Promise.all([
    identityCache.get(`user:${claims.userId}`, () => loadActor(claims.userId)),
    identityCache.get(`session:${claims.sessionId}`, () =>
      sessionLive(claims.sessionId, claims.userId),
    ),
  ]);
  if (!actor || actor.workspaceId !== claims.workspaceId) {
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
  if (!live) throw new AppError('UNAUTHORIZED', 'Session ended');
  return { actor, sessionId: claims.sessionId, expiresAt: claims.expiresAt };
}
