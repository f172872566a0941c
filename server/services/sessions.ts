import { and, eq, isNull, sql } from 'drizzle-orm';
import { identityCache } from '../auth/identity-cache';
import { type DbOrTx, db } from '../db/client';
import { refreshTokens } from '../db/schema';

/**
 * Ending logins. A login is one family of refresh tokens; its access tokens name it (`sid`) and
 * are refused once no token of the family is unrevoked. The trigger of migration 0015 announces
 * each revoked family on commit to every process; the local eviction below only spares this
 * process the wait for its own notification.
 */

/** Ends one login: its refresh tokens, its access tokens and its sockets. */
export async function revokeSession(familyId: string, tx: DbOrTx = db): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  identityCache.evict(`session:${familyId}`);
}

/** Ends every login of a user (a password change or reset). */
export async function revokeSessionsOf(userId: number, tx: DbOrTx = db): Promise<void> {
  const families = await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ familyId: refreshTokens.familyId });
  for (const familyId of new Set(families.map((f) => f.familyId))) {
    identityCache.evict(`session:${familyId}`);
  }
}
