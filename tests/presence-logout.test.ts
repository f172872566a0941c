import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations, events, users } from '../server/db/schema';
import { executeAssignment } from '../server/services/assignment/execute';
import { openSession } from '../server/services/auth';
import { makeWaiting } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { setOnline } from './helpers/assignment';
import { callerFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

async function availabilityOf(userId: number) {
  const [row] = await db
    .select({ availability: users.availability })
    .from(users)
    .where(eq(users.id, userId));
  return row!.availability;
}

async function availabilityEvents(workspaceId: number) {
  const rows = await db
    .select({ payload: events.payload })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.type, 'user:availability')));
  return rows.map((r) => r.payload);
}

describe('presence on logout', () => {
  it('auth.logout sets an online agent away at once, with the event, and assignment skips them', async () => {
    const { workspace, admin } = await makeWorkspace();
    const leaving = await makeUser(workspace.id);
    const staying = await makeUser(workspace.id);
    await setOnline(leaving);
    await setOnline(staying);
    const session = await openSession(leaving);

    await callerFor(null).auth.logout({ refreshToken: session.refreshToken });

    expect(await availabilityOf(leaving.id)).toBe('away');
    expect(await availabilityEvents(workspace.id)).toEqual([
      { userId: leaving.id, availability: 'away', reason: 'logout' },
    ]);
    const waiting = await makeWaiting(admin, 4);
    const result = await executeAssignment(workspace.id, { manual: true });
    expect(result.processed).toBe(4);
    const owners = await db
      .select({ userId: conversations.assignedUserId })
      .from(conversations)
      .where(eq(conversations.workspaceId, workspace.id));
    expect(owners).toHaveLength(waiting.length);
    expect(new Set(owners.map((o) => o.userId))).toEqual(new Set([staying.id]));
  });

  it('the REST logout does the same, and an offline user stays offline', async () => {
    const { workspace } = await makeWorkspace();
    const online = await makeUser(workspace.id);
    await setOnline(online);
    const offline = await makeUser(workspace.id);
    await db.update(users).set({ availability: 'offline' }).where(eq(users.id, offline.id));

    for (const user of [online, offline]) {
      const { refreshToken } = await openSession(user);
      const out = await api(srv.url, 'POST', '/auth/logout', { body: { refreshToken } });
      expect(out.status).toBe(200);
    }

    expect(await availabilityOf(online.id)).toBe('away');
    expect(await availabilityOf(offline.id)).toBe('offline');
    expect(await availabilityEvents(workspace.id)).toEqual([
      { userId: online.id, availability: 'away', reason: 'logout' },
    ]);
  });

  it('an unknown refresh token changes nobody', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    await setOnline(agent);
    await callerFor(null).auth.logout({ refreshToken: 'not-a-token' });
    expect(await availabilityOf(agent.id)).toBe('online');
  });
});
