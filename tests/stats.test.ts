import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { db } from '../server/db/client';
import {
  type Conversation,
  conversationParticipants,
  conversations,
  messages,
  type User,
} from '../server/db/schema';
import {
  assignConversation,
  unassignConversation,
} from '../server/services/conversations/assignment-actions';
import { endConversation } from '../server/services/conversations/lifecycle';
import * as stats from '../server/services/stats';
import type { Channel } from '../shared/enums';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

const DAY = 86_400_000;
/** Today's UTC midnight: rows are placed relative to it so day buckets are deterministic. */
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const at = (days: number, seconds = 0) => new Date(today.getTime() + days * DAY + seconds * 1000);
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

const actorOf = (u: User): Actor => ({ userId: u.id, workspaceId: u.workspaceId, role: u.role });

async function team() {
  const { workspace, admin } = await makeWorkspace();
  const supervisor = await makeUser(workspace.id, { role: 'supervisor', name: 'Sue' });
  const agent = await makeUser(workspace.id, { name: 'Ann', capacity: 5 });
  return { workspace, admin, supervisor, agent, actor: actorOf(supervisor) };
}

let seq = 0;
async function conversation(
  workspaceId: number,
  values: Partial<typeof conversations.$inferInsert> & { channel?: Channel | null } = {},
): Promise<Conversation> {
  const [row] = await db
    .insert(conversations)
    .values({ workspaceId, channel: 'WIDGET', externalUserId: `v-${++seq}`, ...values })
    .returning();
  return row!;
}

async function message(
  c: Conversation,
  createdAt: Date,
  direction: 'inbound' | 'outbound',
  origin: 'client' | 'bot' | 'operator' | 'system',
) {
  await db.insert(messages).values({
    workspaceId: c.workspaceId,
    conversationId: c.id,
    direction,
    origin,
    content: { text: `${origin} message` },
    createdAt,
  });
}

describe('stats: conversations per day by channel', () => {
  it('counts customer conversations per day and channel, in the window only', async () => {
    const { workspace, actor } = await team();
    await conversation(workspace.id, { channel: 'WIDGET', createdAt: at(0, 60) });
    await conversation(workspace.id, { channel: 'WIDGET', createdAt: at(0, 120) });
    await conversation(workspace.id, { channel: 'WHATSAPP_CLOUD', createdAt: at(0, 180) });
    await conversation(workspace.id, { channel: 'WHATSAPP_QR', createdAt: at(-1, 3600) });
    await conversation(workspace.id, { channel: null, createdAt: at(-2, 3600) });
    await conversation(workspace.id, { channel: 'WIDGET', createdAt: at(-20) });
    await conversation(workspace.id, { kind: 'direct', channel: null, createdAt: at(0, 60) });
    const other = await makeWorkspace();
    for (let i = 0; i < 4; i++) await conversation(other.workspace.id, { createdAt: at(0, 60) });

    const w = await stats.statsWindow({ days: 7 });
    const perDay = await stats.conversationsPerDay(actor, w);
    expect(perDay.map((d) => d.day)).toEqual(w.days);
    expect(w.days).toHaveLength(7);
    expect(w.days.at(-1)).toBe(dayKey(at(0)));
    const byDay = Object.fromEntries(perDay.map((d) => [d.day, d]));
    expect(byDay[dayKey(at(0))]).toEqual({
      day: dayKey(at(0)),
      byChannel: { WIDGET: 2, WHATSAPP_CLOUD: 1, WHATSAPP_QR: 0, OTHER: 0 },
      total: 3,
    });
    expect(byDay[dayKey(at(-1))]!.byChannel.WHATSAPP_QR).toBe(1);
    expect(byDay[dayKey(at(-2))]!.byChannel.OTHER).toBe(1);
    expect(perDay.reduce((n, d) => n + d.total, 0)).toBe(5);
  });

  it('buckets days in the requested time zone', async () => {
    const { workspace, actor } = await team();
    // 23:30 UTC yesterday is 00:30 today in UTC+1 (Etc/GMT-1, no daylight saving). From 23:00
    // UTC "today" in UTC+1 is already tomorrow, so then the mirror image: 00:30 UTC today is
    // 23:30 yesterday in UTC-1 (Etc/GMT+1).
    const lateInTheDay = new Date().getUTCHours() === 23;
    await conversation(workspace.id, { createdAt: lateInTheDay ? at(0, 1800) : at(0, -1800) });
    const utc = await stats.conversationsPerDay(actor, await stats.statsWindow({ days: 2 }));
    expect(utc.map((d) => d.total)).toEqual(lateInTheDay ? [0, 1] : [1, 0]);
    const local = await stats.conversationsPerDay(
      actor,
      await stats.statsWindow({ days: 2, timeZone: lateInTheDay ? 'Etc/GMT+1' : 'Etc/GMT-1' }),
    );
    expect(local.map((d) => d.total)).toEqual(lateInTheDay ? [1, 0] : [0, 1]);
  });
});

describe('stats: first response time', () => {
  it('is the median wait from the first inbound message to the first bot or operator reply', async () => {
    const { workspace, actor } = await team();
    const t = at(0, 60);
    const a = await conversation(workspace.id, { createdAt: t });
    await message(a, t, 'inbound', 'client');
    await message(a, new Date(t.getTime() + 5_000), 'inbound', 'client');
    await message(a, new Date(t.getTime() + 10_000), 'outbound', 'bot');
    // A system message is not a response; the operator's reply at +30 s is.
    const b = await conversation(workspace.id, { createdAt: t });
    await message(b, t, 'inbound', 'client');
    await message(b, new Date(t.getTime() + 1_000), 'outbound', 'system');
    await message(b, new Date(t.getTime() + 30_000), 'outbound', 'operator');
    // A greeting before the customer wrote does not count; the reply at +50 s does.
    const c = await conversation(workspace.id, { createdAt: t });
    await message(c, new Date(t.getTime() - 5_000), 'outbound', 'bot');
    await message(c, t, 'inbound', 'client');
    await message(c, new Date(t.getTime() + 50_000), 'outbound', 'bot');
    const unanswered = await conversation(workspace.id, { createdAt: t });
    await message(unanswered, t, 'inbound', 'client');
    // Yesterday, 4 s; and a conversation older than the window, 1 s.
    const y = await conversation(workspace.id, { createdAt: at(-1, 60) });
    await message(y, at(-1, 60), 'inbound', 'client');
    await message(y, at(-1, 64), 'outbound', 'operator');
    const old = await conversation(workspace.id, { createdAt: at(-30) });
    await message(old, at(-30), 'inbound', 'client');
    await message(old, at(-30, 1), 'outbound', 'bot');
    // Another workspace's slow replies must not move the median.
    const other = await makeWorkspace();
    for (let i = 0; i < 3; i++) {
      const x = await conversation(other.workspace.id, { createdAt: t });
      await message(x, t, 'inbound', 'client');
      await message(x, new Date(t.getTime() + 1_000_000), 'outbound', 'bot');
    }

    const figure = await stats.firstResponseTimes(actor, await stats.statsWindow({ days: 7 }));
    // Waits 4, 10, 30, 50: the median is halfway between 10 and 30.
    expect(figure.medianSeconds).toBe(20);
    expect(figure.answered).toBe(4);
    expect(figure.unanswered).toBe(1);
    const byDay = Object.fromEntries(figure.perDay.map((d) => [d.day, d]));
    expect(byDay[dayKey(at(0))]).toMatchObject({ medianSeconds: 30, answered: 3 });
    expect(byDay[dayKey(at(-1))]).toMatchObject({ medianSeconds: 4, answered: 1 });
    expect(byDay[dayKey(at(-2))]).toMatchObject({ medianSeconds: null, answered: 0 });
  });

  it('is null when nothing was answered', async () => {
    const { actor } = await team();
    const figure = await stats.firstResponseTimes(actor, await stats.statsWindow({ days: 3 }));
    expect(figure).toMatchObject({ medianSeconds: null, answered: 0, unanswered: 0 });
    expect(figure.perDay).toHaveLength(3);
  });
});

describe('stats: bot-resolved vs human-handled', () => {
  it('splits ended conversations by whether a user was ever assigned', async () => {
    const { workspace, actor, agent } = await team();
    await conversation(workspace.id, { status: 'ended', endedAt: at(0, 60) });
    // Opening a conversation (a participant row) is not handling it.
    const read = await conversation(workspace.id, { status: 'ended', endedAt: at(0, 60) });
    await db.insert(conversationParticipants).values({
      workspaceId: workspace.id,
      conversationId: read.id,
      userId: agent.id,
    });
    // Assigned, handed back, then ended: only the event history remembers the human.
    const handedBack = await conversation(workspace.id);
    await assignConversation(actor, handedBack.id, agent.id);
    await unassignConversation(actor, handedBack.id);
    await endConversation(actor, handedBack.id);
    await conversation(workspace.id, {
      status: 'ended',
      assignedUserId: agent.id,
      endedAt: at(-1, 60),
    });
    // Not counted: still open, or ended before the window.
    await conversation(workspace.id, { assignedUserId: agent.id });
    await conversation(workspace.id, { status: 'ended', endedAt: at(-20) });
    const other = await makeWorkspace();
    const foreign = await makeUser(other.workspace.id);
    for (const assignedUserId of [null, foreign.id]) {
      await conversation(other.workspace.id, { status: 'ended', endedAt: at(0), assignedUserId });
    }

    const split = await stats.resolutionSplit(actor, await stats.statsWindow({ days: 7 }));
    expect(split).toMatchObject({ botResolved: 2, humanHandled: 2 });
    const byDay = Object.fromEntries(split.perDay.map((d) => [d.day, d]));
    expect(byDay[dayKey(new Date())]).toMatchObject({ botResolved: 2, humanHandled: 1 });
    expect(byDay[dayKey(at(-1))]).toMatchObject({ botResolved: 0, humanHandled: 1 });
  });
});

describe('stats: open load per agent', () => {
  it("counts each user's open customer conversations, with the effective capacity", async () => {
    const { workspace, actor, agent, supervisor, admin } = await team();
    await conversation(workspace.id, { assignedUserId: agent.id });
    await conversation(workspace.id, { assignedUserId: agent.id, status: 'paused' });
    await conversation(workspace.id, { assignedUserId: agent.id, status: 'ended' });
    await conversation(workspace.id, { assignedUserId: supervisor.id });
    await callerFor(admin).assignment.updatePolicy({ defaultCapacity: 3 });
    const other = await makeWorkspace();
    const stranger = await makeUser(other.workspace.id);
    await conversation(other.workspace.id, { assignedUserId: stranger.id });

    const load = await stats.openLoadPerAgent(actor);
    expect(load).toEqual([
      {
        userId: agent.id,
        name: 'Ann',
        role: 'agent',
        availability: agent.availability,
        open: 2,
        capacity: 5,
      },
      expect.objectContaining({ userId: supervisor.id, open: 1, capacity: 3 }),
      expect.objectContaining({ userId: admin.id, open: 0, capacity: 3 }),
    ]);
  });
});

describe('stats.dashboard', () => {
  it('needs the supervisor role', async () => {
    const { workspace, admin, supervisor, agent } = await team();
    await expect(stats.dashboard(actorOf(agent), { days: 7 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(stats.openLoadPerAgent(actorOf(agent))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const refused = await callerFor(agent)
      .stats.dashboard({ days: 7 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    await conversation(workspace.id, { createdAt: at(0, 60) });
    for (const user of [supervisor, admin]) {
      const board = await callerFor(user).stats.dashboard({ days: 7, timeZone: 'UTC' });
      expect(board.days).toHaveLength(7);
      expect(board.conversationsPerDay.at(-1)!.total).toBe(1);
      expect(board.openLoad.map((r) => r.userId).sort()).toEqual(
        [admin.id, supervisor.id, agent.id].sort(),
      );
    }
  });

  it('refuses a window out of range and an unknown time zone', async () => {
    const { supervisor } = await team();
    // 'US/Pacific-New' is one Node's Intl still takes and PostgreSQL no longer knows: a 400, not
    // the 500 of the window's SQL failing on it.
    for (const input of [
      { days: 0 },
      { days: 91 },
      { days: 7, timeZone: 'Mars/Olympus' },
      { days: 7, timeZone: 'US/Pacific-New' },
    ]) {
      const error = await callerFor(supervisor)
        .stats.dashboard(input)
        .catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
    }
  });
});
