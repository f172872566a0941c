import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { type User, users } from '../db/schema';
import { AppError } from '../errors';
import type { Actor } from '../services/actor';
import { verifyAccessToken } from './tokens';

export interface Authenticated {
  actor: Actor;
  user: User;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Verifies an access token and loads its user, so a deleted user or a changed role takes
 * effect at once rather than when the token expires.
 */
export async function authenticate(token: string): Promise<Authenticated> {
  const claims = await verifyAccessToken(token);
  const [user] = await db.select().from(users).where(eq(users.id, claims.userId));
  if (!user || user.workspaceId !== claims.workspaceId) {
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
  return { actor: { userId: user.id, workspaceId: user.workspaceId, role: user.role }, user };
}
