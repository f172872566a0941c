import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationParticipants, conversations, events, users } from '../server/db/schema';
import { autoAssignAll } from '../server/jobs/tasks/auto-assign';
import { crontab } from '../server/jobs/worker';
import { executeAssignment } from '../server/services/assignment/execute';
import { markAbsentAgentsAway } from '../server/services/availability';
import { makeWaiting } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { loads, setOnline } from './helpers/assignment';
import { callerFor, tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';

const srv = serverForThisFile();

async function team(n: number, capacity: number | null) {
  const ws = await makeWorkspace();
  const agents = [];
  for (let i = 0; i < n; i++) {
    const agent = await makeUser(ws.workspace.id);
    await setOnline(agent, capacity);
    agents.push(agent);
  }
  return { ...ws, agents };
}

describe('auto-assignment', () => {
  it('four concurrent executions over 500 waiting conversations assign each once, within capacity', async () => {
    const { workspace, admin, agents } = await team(5, 60);
    const waiting = await makeWaiting(admin, 500);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => executeAssignment(workspace.id, { manual: true })),
    );
    expect(results.reduce((n, r) => n + r.processed, 0)).toBe(300);
    const perAgent = await loads(workspace.id);
    for (const a of agents) expect(perAgent.get(a.id)).toBe(60);
    const assignedEvents = (await db.execute(sql`
      select conversation_id, count(*)::int as n from events where workspace_id = ${workspace.id} and type = 'conversation:assigned'
      group by conversation_id having count(*) > 1`)) as unknown as unknown[];
    expect(assignedEvents).toEqual([]);
    // Longest-waiting first: the 300 oldest were taken.
    const taken = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspace.id),
          sql`${conversations.assignedUserId} is not null`,
        ),
      );
    expect(taken.map((t) => t.id).sort((a, b) => a - b)).toEqual(waiting.slice(0, 300));
  });

  it('writes the seed-003 events and joins the agent as a participant', async () => {
    const { workspace, admin, agents } = await team(1, null);
    const [id] = await makeWaiting(admin, 1);
    const result = await executeAssignment(workspace.id, { manual: true });
    expect(result).toMatchObject({ processed: 1, errors: 0, perAgent: { [agents[0]!.id]: 1 } });
    const types = (await db.select().from(events).where(eq(events.conversationId, id!))).map(
      (e) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining(['conversation:assigned', 'conversation:unread_reset']),
    );
    const [p] = await db
      .select()
      .from(conversationParticipants)
      .where(eq(conversationParticipants.conversationId, id!));
    expect(p!.userId).toBe(agents[0]!.id);
  });

  it('keeps least_loaded balanced and continues the round_robin rotation across runs', async () => {
    const { workspace, admin, agents } = await team(3, null);
    await db.update(conversations).set({ assignedUserId: agents[0]!.id }).where(sql`false`);
    await makeWaiting(admin, 7);
    await executeAssignment(workspace.id, { manual: true });
    const balanced = [...(await loads(workspace.id)).values()];
    expect(Math.max(...balanced) - Math.min(...balanced)).toBeLessThanOrEqual(1);

    const rr = await team(3, null);
    await callerFor(rr.admin).assignment.updatePolicy({ strategy: 'round_robin' });
    await makeWaiting(rr.admin, 2);
    const first = await executeAssignment(rr.workspace.id, { manual: true });
    await makeWaiting(rr.admin, 1);
    const second = await executeAssignment(rr.workspace.id, { manual: true });
    const order = [...Object.keys(first.perAgent), ...Object.keys(second.perAgent)].map(Number);
    expect(new Set(order).size).toBe(3);
  });

  it('routes tagged conversations only to the agents listed for the tag', async () => {
    const { workspace, admin, agents } = await team(3, null);
    const tag = await callerFor(admin).tags.create({ name: 'Billing' });
    await callerFor(admin).assignment.updatePolicy({
      tagRoutes: [{ tagId: tag.id, userIds: [agents[2]!.id] }],
    });
    await makeWaiting(admin, 4, { tagId: tag.id });
    const result = await executeAssignment(workspace.id, { manual: true });
    expect(result.perAgent).toEqual({ [agents[2]!.id]: 4 });
  });

  it('leaves bot-handled conversations alone and reports what nobody could take', async () => {
    const { workspace, admin } = await team(0, null);
    await makeWaiting(admin, 3);
    const result = await executeAssignment(workspace.id, { manual: true });
    expect(result).toMatchObject({ processed: 0, errors: 3 });
  });

  it('answers POST /conversations/auto-assignment/execute for supervisors only', async () => {
    const { workspace, admin } = await team(1, null);
    await makeWaiting(admin, 2);
    const agent = await makeUser(workspace.id);
    expect(
      (
        await api(srv.url, 'POST', '/conversations/auto-assignment/execute', {
          token: await tokenFor(agent),
        })
      ).status,
    ).toBe(403);
    const res = await api(srv.url, 'POST', '/conversations/auto-assignment/execute', {
      token: await tokenFor(admin),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ processed: 2, errors: 0 });
  });

  it('runs from the cron only while enabled; a manual run applies the policy anyway', async () => {
    expect(crontab).toMatch(/auto-assign-all/);
    const { workspace, admin } = await team(1, null);
    await callerFor(admin).assignment.updatePolicy({ enabled: false });
    await makeWaiting(admin, 2);
    await autoAssignAll({}, { logger: { info() {} } } as never);
    expect((await loads(workspace.id)).size).toBe(0);
    await callerFor(admin).assignment.updatePolicy({ enabled: true });
    await autoAssignAll({}, { logger: { info() {} } } as never);
    expect([...(await loads(workspace.id)).values()]).toEqual([2]);
  });

  it('drains the backlog as soon as an agent comes online', async () => {
    const { workspace, admin } = await team(0, null);
    const agent = await makeUser(workspace.id);
    await makeWaiting(admin, 5);
    const worker = await runWorker();
    try {
      const res = await api(srv.url, 'PATCH', `/users/${agent.id}`, {
        token: await tokenFor(agent),
        body: { availability: 'online' },
      });
      expect(res.status).toBe(200);
      await eventually(async () => (await loads(workspace.id)).get(agent.id) === 5);
    } finally {
      await worker.stop();
    }
  });

  it('sets agents away when their console has been gone too long', async () => {
    const { workspace, admin } = await team(0, null);
    const agent = await makeUser(workspace.id);
    await setOnline(agent);
    await db
      .update(users)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(users.id, agent.id));
    await setOnline(admin);
    expect(await markAbsentAgentsAway(5)).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(users).where(eq(users.id, agent.id));
    expect(after!.availability).toBe('away');
    const [stillOnline] = await db.select().from(users).where(eq(users.id, admin.id));
    expect(stillOnline!.availability).toBe('online');
  });
});
