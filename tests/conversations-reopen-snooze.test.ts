import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationParticipants, conversations } from '../server/db/schema';
import { callerFor } from './helpers/auth';
import {
  conversationRow,
  eventsOf,
  inboxWorkspace,
  openConversation,
  sendAsCustomer,
} from './helpers/inbox';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function ended(ws: Awaited<ReturnType<typeof inboxWorkspace>>) {
  const c = await openConversation(srv.url, ws.admin, ws.bot.id);
  await callerFor(ws.admin).conversations.end({ conversationId: c.id });
  return c;
}

const listIds = async (user: Parameters<typeof callerFor>[0], query: Record<string, unknown>) =>
  (await callerFor(user).conversations.list(query)).data.map((c) => c.id);

describe('reopen', () => {
  it('an ended conversation reopens paused, assigned to the reopener, with one status event', async () => {
    const ws = await inboxWorkspace();
    const agent = await ws.member('agent');
    const c = await ended(ws);

    await callerFor(agent.user).conversations.reopen({ conversationId: c.uuid });

    expect(await conversationRow(c.uuid)).toMatchObject({
      status: 'paused',
      assignedUserId: agent.user.id,
      assignedBotId: null,
      endedAt: null,
    });
    const events = await eventsOf(c.id);
    const reopened = events.filter((e) => e.type === 'conversation:status');
    expect(reopened).toEqual([
      {
        type: 'conversation:status',
        payload: { status: 'paused', previous: 'ended', by: agent.user.id, reason: 'reopened' },
      },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'conversation:assigned',
      payload: { assignedUserId: agent.user.id, previousUserId: null },
    });
    const joined = await db
      .select()
      .from(conversationParticipants)
      .where(eq(conversationParticipants.conversationId, c.id));
    expect(joined.map((p) => p.userId)).toEqual([agent.user.id]);
  });

  it('a conversation that is not ended is a CONFLICT, and nothing changes', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const before = await eventsOf(c.id);
    await expect(
      callerFor(ws.admin).conversations.reopen({ conversationId: c.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Only an ended conversation can be reopened',
    });
    expect(await conversationRow(c.uuid)).toMatchObject({ status: 'active' });
    expect(await eventsOf(c.id)).toEqual(before);
  });

  it('an agent may not reopen a colleague’s conversation; another workspace gets NOT_FOUND', async () => {
    const ws = await inboxWorkspace();
    const owner = await ws.member('agent');
    const other = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await callerFor(owner.user).conversations.takeover({ conversationId: c.id });
    await callerFor(owner.user).conversations.end({ conversationId: c.id });
    await expect(
      callerFor(other.user).conversations.reopen({ conversationId: c.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger = await inboxWorkspace();
    await expect(
      callerFor(stranger.admin).conversations.reopen({ conversationId: c.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await callerFor(owner.user).conversations.reopen({ conversationId: c.id });
    expect(await conversationRow(c.uuid)).toMatchObject({ status: 'paused' });
  });

  it('the customer writing after the end opens a new conversation; the old one then cannot reopen', async () => {
    const ws = await inboxWorkspace();
    const c = await ended(ws);
    const res = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
    });
    expect(res.status).toBe(202);
    expect(res.body.data.conversation.id).not.toBe(c.uuid);
    expect(await conversationRow(c.uuid)).toMatchObject({ status: 'ended' });
    await expect(
      callerFor(ws.admin).conversations.reopen({ conversationId: c.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This customer already has another open conversation; continue in that one',
    });
  });
});

describe('snooze', () => {
  it('leaves the default views, shows in the snoozed one, and comes back with unsnooze', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const until = inAnHour();
    await callerFor(ws.admin).conversations.snooze({ conversationId: c.id, until });

    expect((await conversationRow(c.uuid)).snoozedUntil?.toISOString()).toBe(until);
    expect(await listIds(ws.admin, { all: 'true', snoozed: 'false' })).not.toContain(c.id);
    expect(await listIds(ws.admin, { all: 'true', snoozed: 'true' })).toEqual([c.id]);
    // Without the parameter (seed 003's REST list) nothing is hidden.
    expect(await listIds(ws.admin, { all: 'true' })).toContain(c.id);
    const got = await callerFor(ws.admin).conversations.get({ conversationId: c.id });
    expect(got.snoozed_until).toBe(until);
    expect((await eventsOf(c.id)).at(-1)).toEqual({
      type: 'conversation:updated',
      payload: { snoozedUntil: until, by: ws.admin.id, reason: 'snoozed' },
    });

    await callerFor(ws.admin).conversations.unsnooze({ conversationId: c.id });
    expect((await conversationRow(c.uuid)).snoozedUntil).toBeNull();
    expect(await listIds(ws.admin, { all: 'true', snoozed: 'false' })).toContain(c.id);
    expect((await eventsOf(c.id)).at(-1)).toEqual({
      type: 'conversation:updated',
      payload: { snoozedUntil: null, by: ws.admin.id, reason: 'unsnoozed' },
    });
  });

  it('returns by itself once the time has passed (reads compare with now())', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await callerFor(ws.admin).conversations.snooze({ conversationId: c.id, until: inAnHour() });
    await db
      .update(conversations)
      .set({ snoozedUntil: new Date(Date.now() - 1000) })
      .where(eq(conversations.id, c.id));
    expect(await listIds(ws.admin, { all: 'true', snoozed: 'false' })).toContain(c.id);
    expect(await listIds(ws.admin, { all: 'true', snoozed: 'true' })).toEqual([]);
    const got = await callerFor(ws.admin).conversations.get({ conversationId: c.id });
    expect(got.snoozed_until).toBeNull();
  });

  it('returns when the customer writes', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await callerFor(ws.admin).conversations.snooze({ conversationId: c.id, until: inAnHour() });
    const res = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
      conversationId: c.uuid,
      content: 'Any news?',
    });
    expect(res.status).toBe(202);
    expect(res.body.data.conversation.id).toBe(c.uuid);
    expect((await conversationRow(c.uuid)).snoozedUntil).toBeNull();
  });

  it('refuses a time in the past, past 90 days, or an ended conversation; an end clears it', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const caller = callerFor(ws.admin).conversations;
    await expect(
      caller.snooze({ conversationId: c.id, until: new Date(Date.now() - 60_000).toISOString() }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A snooze must end in the future' });
    await expect(
      caller.snooze({
        conversationId: c.id,
        until: new Date(Date.now() + 91 * 86_400_000).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A snooze lasts at most 90 days' });
    await expect(caller.snooze({ conversationId: c.id, until: 'soon' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Ending a snoozed conversation ends its snooze too.
    await caller.snooze({ conversationId: c.id, until: inAnHour() });
    await caller.end({ conversationId: c.id });
    await expect(caller.snooze({ conversationId: c.id, until: inAnHour() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'An ended conversation cannot be snoozed',
    });
    expect((await conversationRow(c.uuid)).snoozedUntil).toBeNull();
  });
});
