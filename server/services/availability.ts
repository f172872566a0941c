import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type DbOrTx, db } from '../db/client';
import { users } from '../db/schema';
import { appendEvents } from './events';

/** These users have a console open now: the presence sweep measures absence from here. */
export async function markSeen(userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.update(users).set({ lastSeenAt: sql`now()` }).where(inArray(users.id, userIds));
}

/** Online agents whose console has been gone longer than `minutes` become away. */
export async function markAbsentAgentsAway(minutes: number): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .update(users)
      .set({ availability: 'away', updatedAt: sql`now()` })
      .where(
        and(
          eq(users.availability, 'online'),
          or(
            isNull(users.lastSeenAt),
            lt(users.lastSeenAt, sql`now() - make_interval(mins => ${minutes})`),
          ),
        ),
      )
      .returning({ id: users.id, workspaceId: users.workspaceId });
    await appendEvents(
      tx,
      gone.map((u) => ({
        workspaceId: u.workspaceId,
        type: 'user:availability' as const,
        payload: { userId: u.id, availability: 'away', automatic: true },
      })),
    );
    return gone.length;
  });
}

/**
 * A user who logs out is away at once (an offline one stays offline): the assignment query
 * takes only online agents, or with the policy's online-only off, any not offline.
 */
export async function markAwayOnLogout(userId: number, tx: DbOrTx = db): Promise<void> {
  const [row] = await tx
    .update(users)
    .set({ availability: 'away', updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.availability, 'online')))
    .returning({ id: users.id, workspaceId: users.workspaceId });
  if (!row) return;
  await appendEvents(tx, [
    {
      workspaceId: row.workspaceId,
      type: 'user:availability',
      payload: { userId: row.id, availability: 'away', reason: 'logout' },
    },
  ]);
}
