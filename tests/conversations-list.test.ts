import { describe, expect, it } from 'vitest';
import { listBotInbox } from '../server/contracts/bot-inbox/list';
import { db } from '../server/db/client';
import { listConversations } from '../server/services/conversations/list';
import { insertMessage } from '../server/services/messages/create';
import { callerFor } from './helpers/auth';
import {
  conversationRow,
  countQueries,
  inboxWorkspace,
  openConversation,
  sendAsCustomer,
  visitor,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

/**
 * Four conversations: `bot` (handled by the bot; its contact is João, tagged VIP), `mine`
 * (assigned to agent A; its contact has the account `neo_user`), `theirs` (agent B's) and
 * `waiting` (an AI-off bot's, unassigned).
 */
async function scenario() {
  const ws = await inboxWorkspace();
  const a = await ws.member('agent', 'Agent A');
  const b = await ws.member('agent', 'Agent B');
  const sup = await ws.member('supervisor');
  const quiet = await callerFor(ws.admin).chatbots.create({ name: 'Quiet', aiEnabled: false });
  const integration = await callerFor(ws.admin).integrations.create({
    channel: 'WIDGET',
    name: 'Site widget',
    phoneNumber: '5511888888888',
    defaultChatbotId: ws.bot.id,
  });
  const token = ws.token;
  const bot = await openConversation(srv.url, ws.admin, ws.bot.id, { content: 'Olá, ajuda!' });
  const mine = await openConversation(srv.url, ws.admin, ws.bot.id);
  const theirs = await openConversation(srv.url, ws.admin, ws.bot.id);
  const waiting = await openConversation(srv.url, ws.admin, quiet.id);
  const tag = await api(srv.url, 'POST', '/tags', {
    token,
    body: { name: 'VIP', color: '#FF0000' },
  });
  await api(srv.url, 'PATCH', `/contacts/${bot.contactId}`, {
    token,
    body: { name: 'João Silva', phone_number: '5511999999999' },
  });
  await api(srv.url, 'POST', `/contacts/${bot.contactId}/tags`, {
    token,
    body: { tag_ids: [tag.body.id] },
  });
  const server = await api(srv.url, 'POST', '/servers', { token, body: { name: 'Main' } });
  await api(srv.url, 'POST', '/contact-user-accounts', {
    token,
    body: {
      contact_id: mine.contactId,
      username_final: 'neo_user',
      password_final: 'secret-pw',
      server_id: server.body.id,
    },
  });
  for (const [c, who] of [
    [mine, a],
    [theirs, b],
  ] as const) {
    const res = await api(srv.url, 'PATCH', `/conversations/${c.id}/assign`, {
      token,
      body: { assigned_user: who.user.id },
    });
    expect(res.status).toBe(200);
  }
  return { ws, a, b, sup, tag: tag.body, integration, bot, mine, theirs, waiting };
}

const byNumber = (a: number, b: number) => a - b;
const ids = (res: { body: { data: { id: number }[] } }) =>
  res.body.data.map((c) => c.id).sort(byNumber);
const sorted = (...cs: { id: number }[]) => cs.map((c) => c.id).sort(byNumber);

describe('GET /conversations (seed 003)', () => {
  it('applies the access rules: own by default, unassigned, bot-handled, all for supervisors', async () => {
    const s = await scenario();
    const get = (token: string, query = '') =>
      api(srv.url, 'GET', `/conversations${query}`, { token });
    expect(ids(await get(s.a.token))).toEqual(sorted(s.mine));
    expect(ids(await get(s.b.token))).toEqual(sorted(s.theirs));
    expect(ids(await get(s.a.token, '?unassignment=true'))).toEqual(sorted(s.bot, s.waiting));
    expect(ids(await get(s.a.token, '?assigned_bot=true'))).toEqual(sorted(s.bot));
    const forbidden = await get(s.a.token, '?all=true');
    expect(forbidden.status).toBe(403);
    expect(ids(await get(s.sup.token, '?all=true'))).toEqual(
      sorted(s.bot, s.mine, s.theirs, s.waiting),
    );
    expect(ids(await get(s.sup.token, '?all=true&unassignment=true'))).toEqual(
      sorted(s.bot, s.waiting),
    );
    expect(ids(await get(s.sup.token, '?all=true&assigned_bot=false&unassignment=true'))).toEqual(
      sorted(s.waiting),
    );
  });

  it('filters by contact, tag, read state and a search over name, phone and account username', async () => {
    const s = await scenario();
    const all = (query: string) =>
      api(srv.url, 'GET', `/conversations?all=true&${query}`, { token: s.sup.token });
    expect(ids(await all(`contact_id=${s.mine.contactId}`))).toEqual(sorted(s.mine));
    expect(ids(await all(`tag_id=${s.tag.id}`))).toEqual(sorted(s.bot));
    // Assigning reset the read state of `mine` and `theirs`.
    expect(ids(await all('unread=true'))).toEqual(sorted(s.bot, s.waiting));
    expect(ids(await all('unread=false'))).toEqual(sorted(s.mine, s.theirs));
    expect(ids(await all('unread=true&tag_id=999999'))).toEqual([]);
    expect(ids(await all(`search=${encodeURIComponent('joão')}`))).toEqual(sorted(s.bot));
    expect(ids(await all('search=99999'))).toEqual(sorted(s.bot));
    expect(ids(await all('search=NEO_'))).toEqual(sorted(s.mine));
    expect(ids(await all('search=%25'))).toEqual([]);
    expect(ids(await all('status=active&channel=WIDGET'))).toHaveLength(4);
    expect(ids(await all('status=paused'))).toEqual([]);
    expect(ids(await all('channel=WHATSAPP_CLOUD'))).toEqual([]);
    const invalid = await all('unread=maybe&contact_id=abc');
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toEqual([
      'contact_id must be an integer number',
      'unread must be a boolean value',
    ]);
  });

  it('sorts only by allow-listed columns and pages with page/limit', async () => {
    const s = await scenario();
    const token = s.sup.token;
    const byId = await api(srv.url, 'GET', '/conversations?all=true&sortBy=id&sortOrder=asc', {
      token,
    });
    expect(byId.body.data.map((c: { id: number }) => c.id)).toEqual(
      sorted(s.bot, s.mine, s.theirs, s.waiting),
    );
    // Default: last activity, newest first.
    await sendAsCustomer(srv.url, s.ws.admin, {
      chatbotId: s.ws.bot.id,
      externalUserId: s.bot.externalUserId!,
    });
    const page = await api(srv.url, 'GET', '/conversations?all=true&limit=3&page=1', { token });
    expect(page.body).toMatchObject({ total: 4, page: 1, limit: 3, totalPages: 2 });
    expect(page.body.data[0].id).toBe(s.bot.id);
    const last = await api(srv.url, 'GET', '/conversations?all=true&limit=3&page=2', { token });
    expect(last.body.data).toHaveLength(1);
    const beyond = await api(srv.url, 'GET', '/conversations?all=true&limit=3&page=9', { token });
    expect(beyond.body).toMatchObject({ data: [], total: 4, totalPages: 2 });
    const defaults = await api(srv.url, 'GET', '/conversations?all=true', { token });
    expect(defaults.body).toMatchObject({ page: 1, limit: 10 });
    for (const query of ['sortBy=contact.name', 'sortOrder=sideways', 'limit=101']) {
      const bad = await api(srv.url, 'GET', `/conversations?all=true&${query}`, { token });
      expect(bad.status).toBe(400);
    }
    const bad = await api(srv.url, 'GET', '/conversations?sortBy=password', { token });
    expect(bad.body.message).toEqual([
      'sortBy must be one of the following values: id, created_at, updated_at, last_activity_at',
    ]);
  });

  it('embeds contact (with tags), integration, user, bot and the last message', async () => {
    const s = await scenario();
    const list = await api(srv.url, 'GET', '/conversations?all=true&sortBy=id&sortOrder=asc', {
      token: s.sup.token,
    });
    const [bot, mine] = list.body.data;
    expect(bot).toMatchObject({
      id: s.bot.id,
      contact_id: s.bot.contactId,
      integration_id: s.integration.id,
      assigned_user: null,
      assigned_bot: expect.any(Number),
      unread_count: 1,
      read: false,
      last_contact_message_at: expect.any(String),
      contact: {
        id: s.bot.contactId,
        name: 'João Silva',
        phone_number: '5511999999999',
        tags: [{ id: s.tag.id, name: 'VIP', color: '#FF0000' }],
      },
      integration: { id: s.integration.id, name: 'Site widget', phone_number: '5511888888888' },
      user: null,
      bot: { id: expect.any(Number), name: 'Support bot' },
      last_message: {
        conversation_id: s.bot.id,
        direction: 'inbound',
        message_text: 'Olá, ajuda!',
        delivered_at: expect.any(String),
        user: null,
        bot: null,
        attachments: [],
      },
    });
    expect(mine).toMatchObject({
      assigned_user: s.a.user.id,
      assigned_bot: null,
      bot: null,
      user: { id: s.a.user.id, name: 'Agent A', email: s.a.user.email },
      contact: { tags: [] },
    });
    const one = await api(srv.url, 'GET', `/conversations/${s.bot.id}`, { token: s.sup.token });
    expect(one.body).toEqual(bot);
  });

  it('names the author of the last message: the operator, or the bot even after a takeover', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id, {
      externalUserId: visitor(),
    });
    await db.transaction((tx) =>
      insertMessage(tx, c, { direction: 'outbound', origin: 'bot', content: { text: 'Hi!' } }),
    );
    await callerFor(ws.admin).conversations.takeover({ conversationId: c.id });
    const afterBot = await api(srv.url, 'GET', `/conversations/${c.id}`, { token: ws.token });
    expect(afterBot.body.bot).toBeNull();
    expect(afterBot.body.last_message).toMatchObject({
      message_text: 'Hi!',
      bot: { id: expect.any(Number), name: 'Support bot' },
      user: null,
    });
    await callerFor(ws.admin).conversations.sendMessage({
      conversationId: c.uuid,
      message: { type: 'text', content: { text: 'Operator here' } },
    });
    const afterOperator = await api(srv.url, 'GET', `/conversations/${c.id}`, { token: ws.token });
    expect(afterOperator.body.last_message).toMatchObject({
      message_text: 'Operator here',
      direction: 'outbound',
      user: { id: ws.admin.id, name: ws.admin.name, email: ws.admin.email },
      bot: null,
    });
    const withAttachment = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
      metadata: { attachments: [{ url: 'https://example.test/a.png' }] },
    });
    expect(withAttachment.status).toBe(202);
    const last = await api(srv.url, 'GET', `/conversations/${c.id}`, { token: ws.token });
    expect(last.body.last_message.attachments).toEqual([{ url: 'https://example.test/a.png' }]);
    expect((await conversationRow(c.uuid)).messageCount).toBe(4);
  });

  it('reads a page in one query, embeds and all (no N+1); seed 002 too', async () => {
    const s = await scenario();
    for (let i = 0; i < 3; i++) await openConversation(srv.url, s.ws.admin, s.ws.bot.id);
    const list = await countQueries(() => listConversations(s.sup.actor, { all: true }));
    expect(list.result.parse<{ data: unknown[] }>().data).toHaveLength(7);
    expect(list.count).toBe(1);
    const inbox = await countQueries(() =>
      listBotInbox(s.sup.actor, { limit: 3, botId: s.ws.bot.id, operatorId: s.a.user.uuid }),
    );
    expect(inbox.result.parse<{ conversations: unknown[] }>().conversations).toHaveLength(1);
    expect(inbox.count).toBe(1);
    const page = await countQueries(() => listBotInbox(s.sup.actor, { limit: 3 }));
    expect(page.result.parse<{ conversations: unknown[] }>().conversations).toHaveLength(3);
    expect(page.count).toBe(1);
  });
});
