import { describe, expect, it } from 'vitest';
import type { MessagingCaller } from '../server/auth/messaging-caller';
import { verifyWidgetToken } from '../server/auth/tokens';
import { assertCallerOwns } from '../server/services/messages/caller-access';
import { makeWorkspace } from './factories/workspace';
import { conversationRow, inboxWorkspace, visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

// Seed 000's reads (../shared/seeds/000_727e5b2c7dab4ef3.txt): GET /conversations/:id by uuid
// and GET /conversations answer seed 000's conversation, not seed 003's row.
const srv = serverForThisFile();

const SEED_000 = { 'X-Contract': '000' };
const SEED_000_KEYS = [
  'id',
  'chatbotId',
  'externalUserId',
  'channel',
  'status',
  'contactId',
  'lastMessageAt',
  'createdAt',
  'updatedAt',
].sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const create = (token: string, body: Record<string, unknown>) =>
  api(srv.url, 'POST', '/conversations', { token, body });
const list = (token: string, query = '', headers: Record<string, string> = SEED_000) =>
  api(srv.url, 'GET', `/conversations${query}`, { token, headers });
const widgetSession = (publicKey: string) =>
  api(srv.url, 'POST', '/widget/session', { body: { publicKey } });

describe('a seed-000 client: POST, GET by uuid, list, PATCH to CLOSED, DELETE', () => {
  it('reads back what POST and PATCH answered, field for field', async () => {
    const { bot, token } = await inboxWorkspace();
    // The seed's own example body, then a second visitor.
    const first = await create(token, {
      chatbotId: bot.id,
      externalUserId: '+56912345678',
      channel: 'WIDGET',
    });
    const second = await create(token, { chatbotId: bot.id, externalUserId: visitor() });
    expect([first.status, second.status]).toEqual([201, 201]);

    const byUuid = await api(srv.url, 'GET', `/conversations/${first.body.id}`, { token });
    expect(byUuid.status).toBe(200);
    expect(byUuid.body).toEqual(first.body);
    expect(Object.keys(byUuid.body).sort()).toEqual(SEED_000_KEYS);
    expect(byUuid.body).toMatchObject({
      id: expect.stringMatching(UUID),
      chatbotId: bot.id,
      status: 'ACTIVE',
    });
    // The same row by integer id is seed 003's.
    const row = await conversationRow(first.body.id);
    const byId = await api(srv.url, 'GET', `/conversations/${row.id}`, { token });
    expect(byId.body).toMatchObject({ id: row.id, uuid: row.uuid, status: 'active' });
    expect(byId.body.chatbotId).toBeUndefined();

    // Both are listed (the caller's chatbots' conversations, not only those assigned to them).
    const page = await list(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      data: expect.arrayContaining([first.body, second.body]),
      total: 2,
      page: 1,
      limit: 20,
      totalPages: 1,
    });
    expect(page.body.data).toHaveLength(2);

    const closed = await api(srv.url, 'PATCH', `/conversations/${first.body.id}`, {
      token,
      body: { status: 'CLOSED' },
    });
    expect(closed.body.status).toBe('CLOSED');
    const reread = await api(srv.url, 'GET', `/conversations/${first.body.id}`, { token });
    expect(reread.body).toEqual(closed.body);

    expect(
      (await api(srv.url, 'DELETE', `/conversations/${first.body.id}`, { token })).status,
    ).toBe(200);
    expect((await api(srv.url, 'GET', `/conversations/${first.body.id}`, { token })).status).toBe(
      404,
    );
    expect((await list(token)).body).toMatchObject({ data: [second.body], total: 1 });
  });

  it('pages with page/limit and refuses a bad one in the seed’s error format', async () => {
    const { bot, token } = await inboxWorkspace();
    for (let i = 0; i < 3; i++)
      await create(token, { chatbotId: bot.id, externalUserId: visitor() });
    const all = (await list(token)).body.data.map((c: { id: string }) => c.id);
    const second = await list(token, '?page=2&limit=2');
    expect(second.body).toMatchObject({ total: 3, page: 2, limit: 2, totalPages: 2 });
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(all.slice(2));
    const bad = await list(token, '?limit=abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['limit must be an integer number'],
    });
  });

  it('is seed 003’s list without the header, or with any parameter seed 000 does not have', async () => {
    const { bot, token } = await inboxWorkspace();
    await create(token, { chatbotId: bot.id, externalUserId: visitor() });
    // Seed 003 lists the caller's own by default: the admin was assigned nothing.
    const console = await list(token, '', {});
    expect(console.body).toMatchObject({ data: [], total: 0, limit: 10 });
    const filtered = await list(token, '?all=true');
    expect(filtered.body).toMatchObject({ total: 1, limit: 10 });
    expect(filtered.body.data[0]).toHaveProperty('contact_id');
  });

  it('lists to an agent what the access rule lets them see; another workspace’s never', async () => {
    const { bot, token, member } = await inboxWorkspace();
    const agent = await member('agent');
    const colleague = await member('agent');
    const open = await create(token, { chatbotId: bot.id, externalUserId: visitor() });
    const theirs = await create(token, { chatbotId: bot.id, externalUserId: visitor() });
    const assigned = await api(srv.url, 'PATCH', `/conversations/${theirs.body.id}/assign`, {
      token,
      body: { assigned_user: colleague.user.id },
    });
    expect(assigned.status).toBe(200);
    const other = await inboxWorkspace();
    await create(other.token, { chatbotId: other.bot.id, externalUserId: visitor() });

    const seen = await list(agent.token);
    expect(seen.body).toMatchObject({ total: 1 });
    expect(seen.body.data.map((c: { id: string }) => c.id)).toEqual([open.body.id]);
    expect((await list(colleague.token)).body.total).toBe(2);
    expect((await list(token)).body.total).toBe(2);
    const forbidden = await api(srv.url, 'GET', `/conversations/${theirs.body.id}`, {
      token: agent.token,
    });
    expect(forbidden.status).toBe(403);
    const foreign = await api(srv.url, 'GET', `/conversations/${open.body.id}`, {
      token: other.token,
    });
    expect(foreign.status).toBe(404);
  });
});

describe('GET /conversations with a widget token', () => {
  it('lists only its own visitor’s WIDGET conversations, as assertCallerOwns rules', async () => {
    const { bot, token } = await inboxWorkspace();
    const mine = await widgetSession(bot.publicKey);
    const yours = await widgetSession(bot.publicKey);
    const { externalUserId } = mine.body;
    const own = await create(mine.body.token, { chatbotId: bot.id, externalUserId });
    expect(own.status).toBe(201);
    const rows = [
      own.body,
      // The same external id on WhatsApp proves nothing about who holds the widget.
      (await create(token, { chatbotId: bot.id, externalUserId, channel: 'WHATSAPP_CLOUD' })).body,
      (
        await create(yours.body.token, {
          chatbotId: bot.id,
          externalUserId: yours.body.externalUserId,
        })
      ).body,
    ];
    const otherBot = await inboxWorkspace();
    await create(otherBot.token, { chatbotId: otherBot.bot.id, externalUserId });

    // No header needed: a widget speaks only seed 000; its extra parameters change nothing.
    for (const query of ['', '?all=true']) {
      const seen = await list(mine.body.token, query, { Origin: 'https://shop.example' });
      expect(seen.status).toBe(200);
      expect(seen.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(seen.body).toEqual({ data: [own.body], total: 1, page: 1, limit: 20, totalPages: 1 });
    }

    // The list is the per-row rule applied to every conversation of the workspace.
    const caller: MessagingCaller = {
      kind: 'widget',
      ...(await verifyWidgetToken(mine.body.token)),
    };
    for (const body of rows) {
      const row = await conversationRow(body.id);
      const owned = (() => {
        try {
          assertCallerOwns(caller, row);
          return true;
        } catch {
          return false;
        }
      })();
      expect(owned).toBe(body.id === own.body.id);
    }
    const theirs = await list(yours.body.token);
    expect(theirs.body.data.map((c: { id: string }) => c.id)).toEqual([rows[2]!.id]);
    // One conversation by id stays the console's, as PATCH and DELETE are.
    const one = await api(srv.url, 'GET', `/conversations/${own.body.id}`, {
      token: mine.body.token,
    });
    expect(one.status).toBe(401);
  });

  it('answers 401 to a token that only claims to be a widget’s', async () => {
    const { workspace } = await makeWorkspace();
    const claims = Buffer.from(JSON.stringify({ use: 'widget', workspaceId: workspace.id }));
    const forged = `e30.${claims.toString('base64url')}.sig`;
    const res = await list(forged, '', {});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
