import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { users } from '../server/db/schema';
import { markAbsentAgentsAway } from '../server/services/availability';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { setOnline } from './helpers/assignment';
import { tokenFor } from './helpers/auth';
import { openConsoleSocket } from './helpers/console-socket';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

/**
 * An agent with the console open is present: the socket refreshes their last_seen_at, so the
 * presence sweep leaves them online however long ago they were last seen before it opened.
 */
const srv = serverForThisFile();

const minutesSinceSeen = async (userId: number) => {
  const [row] = await db
    .select({ minutes: sql<number>`extract(epoch from now() - ${users.lastSeenAt}) / 60` })
    .from(users)
    .where(eq(users.id, userId));
  return Number(row!.minutes);
};

describe('console connections', () => {
  it('keep an agent whose console is open online through the presence sweep', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    await setOnline(agent);
    await db
      .update(users)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(users.id, agent.id));

    const socket = await openConsoleSocket(srv.url, await tokenFor(agent));
    expect((await socket.call('query', 'auth.me')).ok).toBe(true);
    await eventually(async () => (await minutesSinceSeen(agent.id)) < 1);

    await markAbsentAgentsAway(5);
    const [after] = await db.select().from(users).where(eq(users.id, agent.id));
    expect(after!.availability).toBe('online');
    await socket.close();
  });
});
