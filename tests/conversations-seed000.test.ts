import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { contacts, conversations, messages } from '../server/db/schema';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import {
  conversationRow,
  eventTypes,
  inboxWorkspace,
  openConversation,
  visitor,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /conversations (seed 000 find-or-create)', () => {
  it('creates the conversation and its contact, then returns the same open one (201 both times)', async () => {
    const { bot, token } = await inboxWorkspace();
    const externalUserId = '+56912345678';
    const body = { chatbotId: bot.id, externalUserId, channel: 'WIDGET' };
    const first = await api(srv.url, 'POST', '/conversations', { token, body });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(UUID),
      chatbotId: bot.id,
      externalUserId,
      channel: 'WIDGET',
      status: 'ACTIVE',
      contactId: expect.any(Number),
      lastMessageAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, first.body.contactId));
    expect(contact!.externalId).toBe(externalUserId);

    const again = await api(srv.url, 'POST', '/conversations', { token, body });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);

    // Another channel is another conversation, with the same contact.
    const whatsapp = await api(srv.url, 'POST', '/conversations', {
      token,
      body: { ...body, channel: 'WHATSAPP_CLOUD' },
    });
    expect(whatsapp.body.id).not.toBe(first.body.id);
    expect(whatsapp.body.contactId).toBe(first.body.contactId);
    const row = await conversationRow(first.body.id);
    expect(await eventTypes(row.id)).toEqual(['conversation:created']);
  });

  it('defaults the channel to WIDGET and validates the body', async () => {
    const { bot, token } = await inboxWorkspace();
    const ok = await api(srv.url, 'POST', '/conversations', {
      token,
      body: { chatbotId: bot.id, externalUserId: visitor() },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.channel).toBe('WIDGET');
    const bad = await api(srv.url, 'POST', '/conversations', {
      token,
      body: { externalUserId: 42, channel: 'SMS' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.arrayContaining([
        'chatbotId should not be empty',
        'externalUserId must be a string',
        'channel must be one of the following values: WIDGET, WHATSAPP_CLOUD, WHATSAPP_QR',
      ]),
    });
    const anonymous = await api(srv.url, 'POST', '/conversations', {
      body: { chatbotId: bot.id, externalUserId: visitor() },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('hands the conversation to the bot only when its AI is on', async () => {
    const on = await inboxWorkspace({ aiEnabled: true });
    const off = await inboxWorkspace({ aiEnabled: false });
    for (const [ws, expected] of [
      [on, true],
      [off, false],
    ] as const) {
      const res = await api(srv.url, 'POST', '/conversations', {
        token: ws.token,
        body: { chatbotId: ws.bot.id, externalUserId: visitor() },
      });
      const row = await conversationRow(res.body.id);
      expect(row.assignedBotId !== null).toBe(expected);
      expect(row.assignedUserId).toBeNull();
    }
  });

  it('creates exactly one conversation and contact for twenty concurrent requests', async () => {
    const { bot, token } = await inboxWorkspace();
    const externalUserId = visitor();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api(srv.url, 'POST', '/conversations', {
          token,
          body: { chatbotId: bot.id, externalUserId, channel: 'WHATSAPP_QR' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const rows = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, externalUserId));
    expect(rows).toHaveLength(1);
    expect(await eventTypes(rows[0]!.id)).toEqual(['conversation:created']);
    const people = await db.select().from(contacts).where(eq(contacts.externalId, externalUserId));
    expect(people).toHaveLength(1);
  });
});

describe('GET, PATCH and DELETE /conversations/:id (seed 000)', () => {
  it('answers GET /conversations/:id by uuid in seed 000’s shape, by integer id in seed 003’s', async () => {
    const { admin, bot, token } = await inboxWorkspace();
    const c = await openConversation(srv.url, admin, bot.id);
    const byUuid = await api(srv.url, 'GET', `/conversations/${c.uuid}`, { token });
    const byId = await api(srv.url, 'GET', `/conversations/${c.id}`, { token });
    expect(byUuid.status).toBe(200);
    expect(byUuid.body).toMatchObject({ id: c.uuid, chatbotId: bot.id, status: 'ACTIVE' });
    expect(byId.body).toMatchObject({ id: c.id, uuid: c.uuid, contact_id: c.contactId });
    expect((await api(srv.url, 'GET', '/conversations/not-an-id', { token })).status).toBe(404);
    expect((await api(srv.url, 'GET', '/conversations/999999', { token })).status).toBe(404);
  });

  it('maps statuses: CLOSED/ENDED → ended, PAUSED → paused, ACTIVE/OPEN → active, any case', async () => {
    const { admin, bot, token } = await inboxWorkspace();
    const c = await openConversation(srv.url, admin, bot.id);
    const patch = (status: unknown) =>
      api(srv.url, 'PATCH', `/conversations/${c.uuid}`, { token, body: { status } });
    const steps: [string, string, string][] = [
      ['paused', 'PAUSED', 'paused'],
      ['OPEN', 'ACTIVE', 'active'],
      ['CLOSED', 'CLOSED', 'ended'],
      ['active', 'ACTIVE', 'active'],
      ['ENDED', 'CLOSED', 'ended'],
    ];
    for (const [input, answered, stored] of steps) {
      const res = await patch(input);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: c.uuid, chatbotId: bot.id, status: answered });
      expect((await conversationRow(c.uuid)).status).toBe(stored);
    }
    const bad = await patch('ARCHIVED');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([
      'status must be one of the following values: ACTIVE, PAUSED, CLOSED',
    ]);
    const types = await eventTypes(c.id);
    expect(types.filter((t) => t === 'conversation:ended')).toHaveLength(2);
    expect(types.filter((t) => t === 'conversation:status')).toHaveLength(3);
  });

  it('re-opening gives the bot back only if its AI is on, clears the end, and refuses a second open conversation (409)', async () => {
    const { admin, bot, token } = await inboxWorkspace({ aiEnabled: false });
    const externalUserId = visitor();
    const c = await openConversation(srv.url, admin, bot.id, { externalUserId });
    const patch = (status: string) =>
      api(srv.url, 'PATCH', `/conversations/${c.uuid}`, { token, body: { status } });
    await patch('CLOSED');
    expect((await conversationRow(c.uuid)).endedAt).not.toBeNull();
    expect((await patch('PAUSED')).status).toBe(200);
    const reopened = await conversationRow(c.uuid);
    expect(reopened).toMatchObject({ status: 'paused', endedAt: null });
    expect((await patch('ACTIVE')).status).toBe(200);
    expect((await conversationRow(c.uuid)).assignedBotId).toBeNull();

    await patch('CLOSED');
    const next = await openConversation(srv.url, admin, bot.id, { externalUserId });
    expect(next.id).not.toBe(c.id);
    const conflict = await patch('ACTIVE');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toBe('Conflict');
    expect((await conversationRow(c.uuid)).status).toBe('ended');
  });

  it('deletes a conversation with its messages (200, empty body); afterwards it is 404', async () => {
    const { admin, bot, token } = await inboxWorkspace();
    const c = await openConversation(srv.url, admin, bot.id);
    const res = await api(srv.url, 'DELETE', `/conversations/${c.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(await db.select().from(messages).where(eq(messages.conversationId, c.id))).toEqual([]);
    expect((await api(srv.url, 'GET', `/conversations/${c.uuid}`, { token })).status).toBe(404);
    expect((await api(srv.url, 'DELETE', `/conversations/${c.uuid}`, { token })).status).toBe(404);
    expect(await eventTypes(c.id)).toContain('conversation:deleted');
  });

  it('lets an agent touch only their own, unassigned or bot conversations (403 otherwise)', async () => {
    const ws = await inboxWorkspace();
    const [mine, theirs] = [await ws.member('agent'), await ws.member('agent')];
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    // The bot handles it: any agent may look.
    expect(
      (await api(srv.url, 'GET', `/conversations/${c.id}`, { token: mine.token })).status,
    ).toBe(200);
    await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token: ws.token,
      body: { assigned_user: theirs.user.id },
    });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { status: 'CLOSED' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(srv.url, method, `/conversations/${c.id}`, { token: mine.token, body });
      expect(res.status).toBe(403);
    }
    const sup = await ws.member('supervisor');
    expect((await api(srv.url, 'GET', `/conversations/${c.id}`, { token: sup.token })).status).toBe(
      200,
    );
    expect((await conversationRow(c.uuid)).status).toBe('active');
  });

  it('is not reachable from another workspace', async () => {
    const { admin, bot, token } = await inboxWorkspace();
    const c = await openConversation(srv.url, admin, bot.id);
    const other = await makeWorkspace();
    const otherToken = await tokenFor(other.admin);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { status: 'CLOSED' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(srv.url, method, `/conversations/${c.uuid}`, {
        token: otherToken,
        body,
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        statusCode: 404,
        message: 'Conversation not found',
        error: 'Not Found',
      });
    }
    const foreignBot = await api(srv.url, 'POST', '/conversations', {
      token: otherToken,
      body: { chatbotId: bot.id, externalUserId: visitor() },
    });
    expect(foreignBot.status).toBe(404);
    expect((await conversationRow(c.uuid)).status).toBe('active');
    expect((await api(srv.url, 'GET', `/conversations/${c.uuid}`, { token })).status).toBe(200);
  });
});
