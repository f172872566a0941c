import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { framesFor } from '../server/contracts/chatbot-platform/gateway-subscriber';
import { db } from '../server/db/client';
import { events } from '../server/db/schema';
import { makeWaiting } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { setOnline } from './helpers/assignment';
import { callerFor } from './helpers/auth';

// The conversation's timeline of who did what (issue 22), through timeline.list.

async function team() {
  const { workspace, admin } = await makeWorkspace();
  const ana = await makeUser(workspace.id, { role: 'agent', name: 'Ana Lima' });
  const bruno = await makeUser(workspace.id, { role: 'agent', name: 'Bruno Costa' });
  const sara = await makeUser(workspace.id, { role: 'supervisor', name: 'Sara Reis' });
  const [conversationId] = await makeWaiting(admin, 1);
  return { workspace, admin, ana, bruno, sara, conversationId: conversationId! };
}

/** An event as any writer appends it, payload as given (the outbox keeps what it is handed). */
const append = (workspaceId: number, conversationId: number, type: string, payload: unknown) =>
  db.execute(sql`select append_event(${workspaceId}::int, ${type}::text,
    ${conversationId}::int, ${JSON.stringify(payload)}::jsonb)`);

/** The bot lets go as save_bot_reply makes it (the one function both bot paths call). */
const botHandsOff = (conversationId: number, reason: string) =>
  db.execute(sql`select hand_off_to_humans(c, ${reason}, jsonb_build_object('reason', ${reason}::text))
    from conversations c where c.id = ${conversationId}`);

const line = (e: {
  kind: string;
  actor: { name: string } | null;
  assignee: { name: string } | null;
  policy: string | null;
  reason: string | null;
}) => [e.kind, e.actor?.name ?? null, e.assignee?.name ?? null, e.policy, e.reason];

describe('timeline.list', () => {
  it('tells who did what, oldest first: assignments, auto-assignment, takeover, release, handoff, end, reopen, snooze', async () => {
    const { ana, bruno, sara, conversationId } = await team();
    const ref = { conversationId };
    await callerFor(sara).conversations.assign({ ...ref, userId: bruno.id });
    await callerFor(sara).conversations.unassign(ref);
    await setOnline(bruno);
    await expect(callerFor(sara).assignment.execute()).resolves.toMatchObject({ processed: 1 });
    await callerFor(bruno).conversations.release(ref);
    await callerFor(ana).conversations.takeover(ref);
    // Bruno no longer has it, and an agent does not read a colleague's conversation.
    await expect(callerFor(bruno).timeline.list(ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(ana).conversations.release(ref);
    await botHandsOff(conversationId, 'The customer asks for a refund');
    await callerFor(ana).conversations.end(ref);
    await callerFor(sara).conversations.reopen(ref);
    const until = new Date(Date.now() + 3_600_000);
    await callerFor(sara).conversations.snooze({ ...ref, until: until.toISOString() });
    await callerFor(sara).conversations.unsnooze(ref);

    const entries = await callerFor(sara).timeline.list(ref);
    expect(entries.map(line)).toEqual([
      ['assigned', 'Sara Reis', 'Bruno Costa', null, null],
      ['unassigned', 'Sara Reis', 'Bruno Costa', null, null],
      ['assigned', null, 'Bruno Costa', 'least_loaded', null],
      ['release', 'Bruno Costa', 'Bruno Costa', null, null],
      ['takeover', 'Ana Lima', 'Ana Lima', null, null],
      ['release', 'Ana Lima', 'Ana Lima', null, null],
      ['handoff', null, null, null, 'The customer asks for a refund'],
      ['ended', 'Ana Lima', null, null, null],
      ['reopened', 'Sara Reis', 'Sara Reis', null, null],
      ['snoozed', 'Sara Reis', null, null, null],
      ['snoozed', 'Sara Reis', null, null, null],
    ]);
    expect(entries.slice(-2).map((e) => e.status)).toEqual([until.toISOString(), null]);

    // The customer's gateway turns none of the events it was read from into a frame, but for
    // the chat's status (ended, reopened: issue 23), never who did what.
    const recorded = await db
      .select()
      .from(events)
      .where(eq(events.conversationId, conversationId));
    const timelineIds = new Set(entries.map((e) => e.id));
    const read = recorded.filter((e) => timelineIds.has(e.id));
    expect(read.length).toBe(entries.length);
    for (const e of recorded.filter((r) => r.type !== 'message:created')) {
      const frames = framesFor({ ...e, conversation: null, message: null }, 'uuid');
      for (const [event, data] of frames) {
        expect(event, e.type).toBe('conversation:status');
        expect(Object.keys(data as object).sort(), e.type).toEqual(['conversationId', 'status']);
      }
      if (!e.type.startsWith('conversation:status') && e.type !== 'conversation:ended')
        expect(frames, e.type).toEqual([]);
    }
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(entries[0]).toEqual({
      id: expect.any(Number),
      kind: 'assigned',
      actor: { id: sara.id, name: 'Sara Reis' },
      policy: null,
      assignee: { id: bruno.id, name: 'Bruno Costa' },
      reason: null,
      status: null,
      createdAt: expect.any(String),
    });
  });

  it('answers NOT_FOUND for another workspace’s conversation', async () => {
    const { conversationId } = await team();
    const stranger = (await makeWorkspace()).admin;
    await expect(callerFor(stranger).timeline.list({ conversationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('skips a malformed payload, and names nobody for a user who is not of the workspace', async () => {
    const { workspace, admin, sara, conversationId } = await team();
    const other = (await makeWorkspace()).admin;
    const at = (type: string, payload: unknown) =>
      append(workspace.id, conversationId, type, payload);
    await at('conversation:assigned', { assignedUserId: 'someone', by: sara.id });
    await at('conversation:assigned', { assignedUserId: 1e30, by: sara.id });
    await at('conversation:assigned', { assignedUserId: sara.id, by: { id: 1 } });
    await at('conversation:handoff', { reason: 42 });
    await at('conversation:status', { previous: 'active' });
    await at('conversation:ended', ['not', 'an', 'object']);
    await at('conversation:ended', 'ended');
    await at('conversation:assigned', { assignedUserId: other.id, previousUserId: null, by: 9 });
    await at('conversation:handoff', {});
    await at('conversation:updated', { snoozedUntil: 'tomorrow', by: sara.id });
    await at('conversation:updated', { change: 'handoff_summary' });
    const entries = await callerFor(admin).timeline.list({ conversationId });
    expect(entries.map(line)).toEqual([
      ['assigned', null, null, null, null],
      ['handoff', null, null, null, null],
    ]);
  });
});
