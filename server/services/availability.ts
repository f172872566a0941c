import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { users } from '../db/schema';
import { appendEvents } from './events';

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
