import { eq, sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import type { User } from '../../server/db/schema';
import { users } from '../../server/db/schema';

export async function setOnline(user: User, capacity: number | null = null) {
  await db
    .update(users)
    .set({ availability: 'online', capacity, lastSeenAt: sql`now()` })
    .where(eq(users.id, user.id));
}

export async function loads(workspaceId: number): Promise<Map<number, number>> {
  const rows = (await db.execute(sql`
    select assigned_user_id as id, count(*)::int as n from conversations
    where workspace_id = ${workspaceId} and assigned_user_id is not null and status <> 'ended'
    group by assigned_user_id`)) as unknown as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
