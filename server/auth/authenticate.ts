import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import type { Actor } from '../services/actor';
import { identityCache } from './identity-cache';
import { verifyAccessToken } from './tokens';

export interface Authenticated {
  actor: Actor;
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

/**
 * Verifies an access token and checks its user against the database, so a deleted user or a
 * changed role takes effect at once rather than when the token expires. The user's identity
 * is cached per process and evicted on such a change (identity-cache.ts).
 */
export async function authenticate(token: string): Promise<Authenticated> {
  const claims = await verifyAccessToken(token);
  const actor = await identityCache.get(`user:${claims.userId}`, () => loadActor(claims.userId));
  if (!actor || actor.workspaceId !== claims.workspaceId) {
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
  return { actor };
}
