import { lt, or, sql } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import { db } from '../../db/client';
import { authFailures, refreshTokens } from '../../db/schema';

/** Hourly: forget old login failures and refresh tokens that can no longer be used. */
export const cleanupAuth: Task = async (_payload, helpers) => {
  const failures = await db
    .delete(authFailures)
    .where(lt(authFailures.createdAt, sql`now() - interval '1 hour'`))
    .returning({ id: authFailures.id });
  const tokens = await db
    .delete(refreshTokens)
    .where(
      or(
        lt(refreshTokens.expiresAt, sql`now()`),
        lt(refreshTokens.revokedAt, sql`now() - interval '1 day'`),
      ),
    )
    .returning({ id: refreshTokens.id });
  helpers.logger.debug(`cleanup-auth removed ${failures.length} failures, ${tokens.length} tokens`);
};
