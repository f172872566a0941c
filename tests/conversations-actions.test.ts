import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationParticipants } from '../server/db/schema';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import {
  conversationRow,
  eventsOf,
  eventTypes,
  inboxWorkspace,
  openConversation,
  sendAsCustomer,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const participant = async (conversationId: number, userId: number) => {
  const [row] = await db
    .select()
    .from(conversationParticipants)
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, userId),
      ),
    );
  return row;
};

describe('PATCH /conversations/:id/assign and /unassign (seed 003)', () => {
  it('assigns to the caller by default, silences the bot, resets unread and emits both events', async () => {
    const ws = await inboxWorkspace();
    const agent = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    expect(c.assignedBotId).not.toBeNull();
    const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: agent.token,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: c.id,
      assigned_user: agent.user.id,
      assigned_bot: null,
      unread_count: 0,
      updated_at: expect.any(String),
    });
    expect(await participant(c.id, agent.user.id)).toMatchObject({ unreadCount: 0 });
    const events = await eventsOf(c.id);
    expect(events.map((e) => e.type).slice(-2)).toEqual([
      'conversation:assigned',
      'conversation:unread_reset',
    ]);
    expect(events.at(-2)!.payload).toMatchObject({
      assignedUserId: agent.user.id,
      previousUserId: null,
    });
    // Assigning again to the same user is harmless.
    const again = await api(srv.url, 'PATCH', `/conversations/${c.uuid}/assign`, {
      token: agent.token,
      body: { assigned_user: agent.user.id },
    });
    expect(again.status).toBe(200);
  });

  it('refuses a conversation assigned to someone else: 409 for supervisors, 403 for agents', async () => {
    const ws = await inboxWorkspace();
    const [a, b] = [await ws.member('agent'), await ws.member('agent')];
    const sup = await ws.member('supervisor');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: sup.token,
      body: { assigned_user: a.user.id },
    });
    const conflict = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: sup.token,
      body: { assigned_user: b.user.id },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    const forbidden = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: b.token,
      body: {},
    });
    expect(forbidden.status).toBe(403);
    expect((await conversationRow(c.uuid)).assignedUserId).toBe(a.user.id);
    // Unassign, then the other agent may take it.
    const un = await api(srv.url, 'PATCH', `/conversations/${c.id}/unassign`, {
      token: a.token,
      body: {},
    });
    expect(un.body).toEqual({
      id: c.id,
      assigned_user: null,
      assigned_bot: null,
      updated_at: expect.any(String),
    });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({
      type: 'conversation:assigned',
      payload: { assignedUserId: null, previousUserId: a.user.id },
    });
    const taken = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: b.token,
      body: {},
    });
    expect(taken.body.assigned_user).toBe(b.user.id);
  });

  it('validates assigned_user and answers 404 for a user of another workspace', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const other = await makeWorkspace();
    for (const [body, status] of [
      [{ assigned_user: 'me' }, 400],
      [{ assigned_user: 1.5 }, 400],
      [{ assigned_user: 0 }, 400],
      [{ assigned_user: 99_999_999_999 }, 400],
      [{ assigned_user: other.admin.id }, 404],
      [{ assigned_user: 2_000_000_000 }, 404],
    ] as const) {
      const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
        token: ws.token,
        body,
      });
      expect(res.status).toBe(status);
    }
    const trpc = callerFor(ws.admin).conversations.assign({
      conversationId: c.id,
      userId: 99_999_999_999,
    });
    await expect(trpc).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await conversationRow(c.uuid)).assignedUserId).toBeNull();
  });

  it('refuses to assign an ended conversation (409)', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await api(srv.url, 'POST', `/api/conversations/${c.uuid}/end`, { token: ws.token });
    const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: ws.token,
      body: {},
    });
    expect(res.status).toBe(409);
  });
});

describe('PATCH /conversations/:id/read and /unread (seed 003)', () => {
  it('marks read and unread with the seed shapes and events', async () => {
    const ws = await inboxWorkspace();
    const agent = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
    });
    const before = await api(srv.url, 'GET', `/conversations/${c.id}`, { token: agent.token });
    expect(before.body).toMatchObject({ unread_count: 2, read: false });
    const read = await api(srv.url, 'PATCH', `/conversations/${c.id}/read`, {
      token: agent.token,
      body: {},
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: c.id,
      read: true,
      unread_count: 0,
      updated_at: expect.any(String),
    });
    const unread = await api(srv.url, 'PATCH', `/conversations/${c.id}/unread`, {
      token: agent.token,
      body: {},
    });
    expect(unread.body).toMatchObject({ id: c.id, read: false, unread_count: 1 });
    const types = (await eventTypes(c.id)).filter((t) => t.startsWith('conversation:'));
    expect(types.slice(-2)).toEqual(['conversation:read', 'conversation:unread']);
    // Reading also marks the customer's messages seen (the widget shows it).
    expect(await eventTypes(c.id)).toContain('message:status');
    // Opening (reading) joined the agent as a participant.
    expect(await participant(c.id, agent.user.id)).toMatchObject({
      unreadCount: 1,
      lastReadAt: expect.any(Date),
    });
  });

  it('keeps each participant’s unread state separate', async () => {
    const ws = await inboxWorkspace();
    const a = await ws.member('agent');
    const sup = await ws.member('supervisor');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, { token: a.token, body: {} });
    await api(srv.url, 'PATCH', `/conversations/${c.id}/read`, { token: sup.token, body: {} });
    for (const text of ['one', 'two']) {
      await sendAsCustomer(srv.url, ws.admin, {
        chatbotId: ws.bot.id,
        externalUserId: c.externalUserId!,
        content: text,
      });
    }
    const mine = (token: string) => api(srv.url, 'GET', `/conversations/${c.id}`, { token });
    expect((await mine(a.token)).body.my_unread_count).toBe(2);
    expect((await mine(sup.token)).body.my_unread_count).toBe(2);

    await api(srv.url, 'PATCH', `/conversations/${c.id}/read`, { token: a.token, body: {} });
    expect((await mine(a.token)).body).toMatchObject({ my_unread_count: 0, unread_count: 0 });
    expect((await mine(sup.token)).body.my_unread_count).toBe(2);
    const supRow = await participant(c.id, sup.user.id);
    const aRow = await participant(c.id, a.user.id);
    expect(aRow!.lastReadAt!.getTime()).toBeGreaterThan(supRow!.lastReadAt!.getTime());

    // The assignee's reply is news to the supervisor only.
    await callerFor(a.user).conversations.sendMessage({
      conversationId: c.id,
      message: { content: { text: 'On it' } },
    });
    expect((await participant(c.id, a.user.id))!.unreadCount).toBe(0);
    expect((await participant(c.id, sup.user.id))!.unreadCount).toBe(3);
    // Someone who never opened it has no participant row and nothing to read.
    const stranger = await ws.member('supervisor');
    expect((await mine(stranger.token)).body.my_unread_count).toBe(0);
    expect(await participant(c.id, stranger.user.id)).toBeUndefined();
  });

  it('lets agents act on bot and unassigned conversations but not on another agent’s', async () => {
    const ws = await inboxWorkspace();
    const [a, b] = [await ws.member('agent'), await ws.member('agent')];
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    for (const action of ['read', 'unread']) {
      const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/${action}`, {
        token: b.token,
        body: {},
      });
      expect(res.status).toBe(200);
    }
    await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, { token: a.token, body: {} });
    for (const action of ['read', 'unread', 'unassign']) {
      const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/${action}`, {
        token: b.token,
        body: {},
      });
      expect(res.status).toBe(403);
    }
    expect((await conversationRow(c.uuid)).assignedUserId).toBe(a.user.id);
  });
});
