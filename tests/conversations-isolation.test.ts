import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationVariables, messages } from '../server/db/schema';
import { makeApiKey } from './factories/api-key';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import {
  conversationRow,
  eventTypes,
  inboxWorkspace,
  openConversation,
  sendAsCustomer,
  visitor,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

/** Every conversation route of seeds 000–003 that names a conversation, with a harmless body. */
const ROUTES: [method: string, path: (id: string) => string, body?: unknown][] = [
  ['GET', (id) => `/conversations/${id}`],
  ['PATCH', (id) => `/conversations/${id}`, { status: 'CLOSED' }],
  ['PATCH', (id) => `/conversations/${id}/assign`, {}],
  ['PATCH', (id) => `/conversations/${id}/unassign`, {}],
  ['PATCH', (id) => `/conversations/${id}/read`, {}],
  ['PATCH', (id) => `/conversations/${id}/unread`, {}],
  ['GET', (id) => `/api/conversations/${id}`],
  ['POST', (id) => `/api/conversations/${id}/takeover`, {}],
  ['POST', (id) => `/api/conversations/${id}/release`, {}],
  ['POST', (id) => `/api/conversations/${id}/messages`, { type: 'text', content: { text: 'x' } }],
  ['POST', (id) => `/api/conversations/${id}/end`, {}],
  ['GET', (id) => `/api/conversations/${id}/variables`],
  ['PUT', (id) => `/api/conversations/${id}/variables`, { key: 'k', value: 'v' }],
  ['GET', (id) => `/messages/conversation/${id}`],
  ['DELETE', (id) => `/conversations/${id}`],
];

describe('workspace isolation (conversations and messages)', () => {
  it('answers 404 on every route for another workspace’s conversation, by id and uuid, and changes nothing', async () => {
    const a = await inboxWorkspace();
    const c = await openConversation(srv.url, a.admin, a.bot.id);
    const before = await conversationRow(c.uuid);
    const eventsBefore = await eventTypes(c.id);
    const b = await inboxWorkspace();
    for (const ref of [c.uuid, String(c.id)]) {
      for (const [method, path, body] of ROUTES) {
        const res = await api(srv.url, method, path(ref), { token: b.token, body });
        expect(res.status, `${method} ${path(ref)}`).toBe(404);
        expect(res.body.error).toBe('Not Found');
      }
    }
    const trpc = callerFor(b.admin).conversations;
    const conversationId = c.id;
    for (const call of [
      () => trpc.get({ conversationId }),
      () => trpc.thread({ conversationId }),
      () => trpc.assign({ conversationId }),
      () => trpc.read({ conversationId }),
      () => trpc.takeover({ conversationId }),
      () => trpc.release({ conversationId }),
      () => trpc.end({ conversationId }),
      () => trpc.sendMessage({ conversationId, message: { content: { text: 'x' } } }),
      () => trpc.setVariable({ conversationId, variable: { key: 'k', value: 'v' } }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const after = await conversationRow(c.uuid);
    expect(after).toEqual(before);
    expect(await eventTypes(c.id)).toEqual(eventsBefore);
    const vars = await db
      .select()
      .from(conversationVariables)
      .where(eq(conversationVariables.conversationId, c.id));
    expect(vars).toEqual([]);
    // Nor does it show up in their lists.
    const lists = [
      await api(srv.url, 'GET', '/conversations?all=true', { token: b.token }),
      await api(srv.url, 'GET', `/conversations?all=true&contact_id=${c.contactId}`, {
        token: b.token,
      }),
    ];
    for (const list of lists) expect(list.body.data).toEqual([]);
    for (const status of ['active', 'paused', 'ended']) {
      const inbox = await api(srv.url, 'GET', `/api/conversations?status=${status}`, {
        token: b.token,
      });
      expect(inbox.body.conversations).toEqual([]);
    }
    // The owner still sees it.
    expect((await api(srv.url, 'GET', `/conversations/${c.uuid}`, { token: a.token })).status).toBe(
      200,
    );
  });

  it('answers 404 for another workspace’s ids inside bodies', async () => {
    const a = await inboxWorkspace();
    const c = await openConversation(srv.url, a.admin, a.bot.id);
    const b = await inboxWorkspace();
    const stranger = await makeUser(b.workspace.id);
    const cases: [string, string, unknown][] = [
      ['PATCH', `/conversations/${c.id}/assign`, { assigned_user: stranger.id }],
      ['POST', `/api/conversations/${c.uuid}/takeover`, { operatorId: stranger.uuid }],
      ['POST', `/api/conversations/${c.uuid}/takeover`, { operatorId: stranger.id }],
      ['POST', '/conversations', { chatbotId: b.bot.id, externalUserId: visitor() }],
      ['POST', '/messages/send', { chatbotId: b.bot.id, externalUserId: visitor(), content: 'hi' }],
      [
        'POST',
        '/messages/send',
        {
          chatbotId: a.bot.id,
          externalUserId: c.externalUserId,
          content: 'hi',
          conversationId: (await openConversation(srv.url, b.admin, b.bot.id)).uuid,
        },
      ],
    ];
    for (const [method, path, body] of cases) {
      const res = await api(srv.url, method, path, { token: a.token, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(404);
    }
    expect(await conversationRow(c.uuid)).toMatchObject({ assignedUserId: null, messageCount: 1 });
    await expect(
      callerFor(a.admin).conversations.assign({ conversationId: c.id, userId: stranger.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps direct (seed 004) conversations out of the customer routes, even for a colleague', async () => {
    const ws = await inboxWorkspace();
    const [a, b, c] = [
      await ws.member('agent'),
      await ws.member('agent'),
      await ws.member('agent'),
    ];
    const key = await makeApiKey(ws.admin);
    const headers = { 'X-PUBLIC-KEY': key };
    const created = await api(srv.url, 'POST', '/api/v1/chat/conversations', {
      token: a.token,
      headers,
      body: { participant_uuid: b.user.uuid },
    });
    expect(created.status).toBe(201);
    const uuid = created.body.data.uuid as string;
    const sent = await api(srv.url, 'POST', `/api/v1/chat/conversations/${uuid}/messages`, {
      token: a.token,
      headers,
      body: { message: 'private note' },
    });
    expect(sent.status).toBe(201);
    const [message] = await db
      .select()
      .from(messages)
      .where(eq(messages.uuid, sent.body.data.uuid));
    for (const token of [c.token, ws.token]) {
      for (const [method, path, body] of ROUTES) {
        const res = await api(srv.url, method, path(uuid), { token, body });
        expect(res.status, `${method} ${path(uuid)}`).toBe(404);
      }
      const one = await api(srv.url, 'GET', `/messages/${message!.uuid}`, { token });
      expect(one.status).toBe(404);
      const lists = await api(srv.url, 'GET', '/api/conversations', { token });
      expect(lists.body.conversations).toEqual([]);
    }
    const theirs = await api(srv.url, 'GET', `/api/v1/chat/conversations/${uuid}/messages`, {
      token: c.token,
      headers,
    });
    expect(theirs.status).toBe(404);
  });
});

describe('seed 002 list access', () => {
  it("keeps a colleague's assigned conversations out of an agent's list, not a supervisor's", async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const ana = await makeUser(workspace.id);
    const bruno = await makeUser(workspace.id);
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'secret matter',
    });
    const id = res.body.data.conversation.id;
    await api(srv.url, 'PATCH', `/conversations/${id}/assign`, {
      token: await tokenFor(admin),
      body: { assigned_user: bruno.id },
    });
    const list = async (u: typeof ana) =>
      (
        await api(srv.url, 'GET', '/api/conversations', { token: await tokenFor(u) })
      ).body.conversations.map((c: { id: string }) => c.id);
    expect(await list(ana)).not.toContain(id);
    expect(await list(bruno)).toContain(id);
    expect(await list(admin)).toContain(id);
  });
});
