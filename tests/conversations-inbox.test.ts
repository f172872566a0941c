import { describe, expect, it } from 'vitest';
import { makeWorkspace } from './factories/workspace';
import {
  conversationRow,
  eventTypes,
  inboxWorkspace,
  openConversation,
  sendAsCustomer,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const DAY_MS = 24 * 60 * 60 * 1000;

describe('GET /api/conversations (seed 002)', () => {
  it('lists with the seed shape, lastMessage and messageCount, filtered by status, bot and operator', async () => {
    const ws = await inboxWorkspace();
    const op = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id, { content: 'Quero o cardápio' });
    await api(srv.url, 'PATCH', `/contacts/${c.contactId}`, {
      token: ws.token,
      body: { name: 'João Silva', phone_number: '+5511999999999' },
    });
    const taken = await openConversation(srv.url, ws.admin, ws.bot.id);
    await api(srv.url, 'POST', `/api/conversations/${taken.uuid}/takeover`, {
      token: ws.token,
      body: { operatorId: op.user.uuid },
    });
    const list = await api(srv.url, 'GET', '/api/conversations', { token: ws.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      conversations: [
        {
          id: c.uuid,
          botId: ws.bot.id,
          botName: 'Support bot',
          contactPhone: '+5511999999999',
          contactName: 'João Silva',
          channel: 'WIDGET',
          status: 'active',
          currentNodeId: null,
          assignedOperatorId: null,
          lastMessage: {
            text: 'Quero o cardápio',
            direction: 'inbound',
            createdAt: expect.any(String),
          },
          messageCount: 1,
          createdAt: c.createdAt.toISOString(),
        },
      ],
      nextCursor: null,
    });
    const paused = await api(srv.url, 'GET', '/api/conversations?status=paused', {
      token: ws.token,
    });
    expect(paused.body.conversations.map((x: { id: string }) => x.id)).toEqual([taken.uuid]);
    expect(paused.body.conversations[0].assignedOperatorId).toBe(op.user.uuid);
    const byOperator = (id: string | number) =>
      api(srv.url, 'GET', `/api/conversations?status=paused&operatorId=${id}`, {
        token: ws.token,
      });
    expect((await byOperator(op.user.id)).body.conversations).toHaveLength(1);
    expect((await byOperator(ws.admin.uuid)).body.conversations).toHaveLength(0);
    const other = await makeWorkspace();
    expect((await byOperator(other.admin.uuid)).body.conversations).toHaveLength(0);
    expect((await byOperator('nobody')).body.conversations).toHaveLength(0);
    const byBot = await api(srv.url, 'GET', `/api/conversations?botId=${ws.bot.id}`, {
      token: ws.token,
    });
    expect(byBot.body.conversations).toHaveLength(1);
    const bad = await api(srv.url, 'GET', '/api/conversations?status=open&limit=0', {
      token: ws.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([
      'status must be one of the following values: active, paused, ended',
      'limit must not be less than 1',
    ]);
  });

  it('pages with an opaque cursor: no repeats and no gaps while new conversations arrive', async () => {
    const ws = await inboxWorkspace();
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await openConversation(srv.url, ws.admin, ws.bot.id)).uuid);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const res = await api(srv.url, 'GET', `/api/conversations${query}`, { token: ws.token });
      expect(res.status).toBe(200);
      seen.push(...res.body.conversations.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
      if (cursor) expect(cursor).not.toMatch(/^\d+$/);
      // Newcomers arrive while the client pages: they belong before the first page.
      await openConversation(srv.url, ws.admin, ws.bot.id);
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
    // An empty cursor (a client's `cursor=` template) is the first page.
    const empty = await api(srv.url, 'GET', '/api/conversations?limit=3&cursor=', {
      token: ws.token,
    });
    expect(empty.status).toBe(200);
    expect(empty.body.conversations[0].id).toBe(
      (await api(srv.url, 'GET', '/api/conversations?limit=3', { token: ws.token })).body
        .conversations[0].id,
    );
    for (const bogus of ['not-a-cursor', Buffer.from('c:99999999999').toString('base64url')]) {
      const res = await api(srv.url, 'GET', `/api/conversations?cursor=${bogus}`, {
        token: ws.token,
      });
      expect(res.status).toBe(400);
    }
  });
});

describe('GET /api/conversations/:id (seed 002)', () => {
  it('returns messages, variables and the WhatsApp window: 24 h after the last inbound message', async () => {
    const ws = await inboxWorkspace();
    const externalUserId = `+55119${Date.now() % 100000000}`;
    const c = await openConversation(srv.url, ws.admin, ws.bot.id, {
      externalUserId,
      channel: 'WHATSAPP_CLOUD',
      content: 'Oi',
    });
    await api(srv.url, 'PUT', `/api/conversations/${c.uuid}/variables`, {
      token: ws.token,
      body: { key: 'nome', value: 'João' },
    });
    const second = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId,
      channel: 'WHATSAPP_CLOUD',
      content: 'Quero pizza',
    });
    const res = await api(srv.url, 'GET', `/api/conversations/${c.uuid}`, { token: ws.token });
    expect(res.status).toBe(200);
    const lastInbound = second.body.data.message.createdAt;
    expect(res.body).toMatchObject({
      id: c.uuid,
      botId: ws.bot.id,
      botName: 'Support bot',
      channel: 'WHATSAPP_CLOUD',
      status: 'active',
      assignedOperatorId: null,
      cswStartedAt: lastInbound,
      cswExpiresAt: new Date(Date.parse(lastInbound) + DAY_MS).toISOString(),
      variables: { nome: 'João' },
      createdAt: c.createdAt.toISOString(),
    });
    expect(res.body.messages).toEqual([
      {
        id: expect.any(String),
        waMessageId: null,
        direction: 'inbound',
        origin: 'client',
        type: 'text',
        content: { text: 'Oi' },
        status: 'delivered',
        createdAt: expect.any(String),
        sentAt: null,
        deliveredAt: expect.any(String),
        readAt: null,
      },
      expect.objectContaining({ content: { text: 'Quero pizza' }, direction: 'inbound' }),
    ]);
    const row = await conversationRow(c.uuid);
    expect(row.lastContactMessageAt!.toISOString()).toBe(lastInbound);
    expect(row.messageCount).toBe(2);
    // A widget conversation has no window.
    const widget = await openConversation(srv.url, ws.admin, ws.bot.id);
    const w = await api(srv.url, 'GET', `/api/conversations/${widget.id}`, { token: ws.token });
    expect(w.body).toMatchObject({ cswStartedAt: null, cswExpiresAt: null });
  });
});

describe('variables (seed 002)', () => {
  it('upserts a variable, keeping when it was first collected, and lists them', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const put = (body: unknown) =>
      api(srv.url, 'PUT', `/api/conversations/${c.uuid}/variables`, { token: ws.token, body });
    const first = await put({ key: 'pedido', value: 'pizza margherita' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      key: 'pedido',
      value: 'pizza margherita',
      updatedAt: expect.any(String),
    });
    await put({ key: 'nome', value: 'João' });
    const updated = await put({ key: 'pedido', value: 'pizza calabresa' });
    expect(updated.body.value).toBe('pizza calabresa');
    const list = await api(srv.url, 'GET', `/api/conversations/${c.uuid}/variables`, {
      token: ws.token,
    });
    expect(list.body).toEqual({
      variables: [
        { key: 'pedido', value: 'pizza calabresa', collectedAt: expect.any(String) },
        { key: 'nome', value: 'João', collectedAt: expect.any(String) },
      ],
    });
    expect(list.body.variables[0].collectedAt <= first.body.updatedAt).toBe(true);
    const bad = await put({ key: '', value: null });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['key should not be empty', 'value should not be empty']);
    expect((await eventTypes(c.id)).filter((t) => t === 'conversation:variable')).toHaveLength(3);
  });
});

describe('takeover, release and end (seed 002)', () => {
  it('takes over for the caller or a named operator; 409 when someone else has it; 404 for a stranger', async () => {
    const ws = await inboxWorkspace();
    const [a, b] = [await ws.member('agent'), await ws.member('agent')];
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const takeover = (token: string, body: unknown = {}) =>
      api(srv.url, 'POST', `/api/conversations/${c.uuid}/takeover`, { token, body });
    const res = await takeover(a.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: c.uuid, status: 'paused', assignedOperatorId: a.user.uuid });
    expect(await conversationRow(c.uuid)).toMatchObject({
      status: 'paused',
      assignedUserId: a.user.id,
      assignedBotId: null,
    });
    expect((await eventTypes(c.id)).slice(-2)).toEqual([
      'conversation:status',
      'conversation:assigned',
    ]);
    expect((await takeover(ws.token, { operatorId: b.user.uuid })).status).toBe(409);
    expect((await takeover(b.token)).status).toBe(403);
    const other = await makeWorkspace();
    expect((await takeover(ws.token, { operatorId: other.admin.uuid })).status).toBe(404);
    expect((await conversationRow(c.uuid)).assignedUserId).toBe(a.user.id);

    const released = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/release`, {
      token: a.token,
    });
    expect(released.body).toEqual({ id: c.uuid, status: 'active', assignedOperatorId: null });
    expect(await conversationRow(c.uuid)).toMatchObject({
      status: 'active',
      assignedUserId: null,
      assignedBotId: expect.any(Number),
    });
    const named = await takeover(ws.token, { operatorId: b.user.id });
    expect(named.body.assignedOperatorId).toBe(b.user.uuid);
  });

  it('ends once (idempotent), after which takeover and release are 409', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const end = () => api(srv.url, 'POST', `/api/conversations/${c.uuid}/end`, { token: ws.token });
    const first = await end();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: c.uuid, status: 'ended' });
    expect((await end()).body).toEqual({ id: c.uuid, status: 'ended' });
    expect((await eventTypes(c.id)).filter((t) => t === 'conversation:ended')).toHaveLength(1);
    for (const action of ['takeover', 'release']) {
      const res = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/${action}`, {
        token: ws.token,
        body: {},
      });
      expect(res.status).toBe(409);
    }
    const ended = await api(srv.url, 'GET', '/api/conversations?status=ended', {
      token: ws.token,
    });
    expect(ended.body.conversations.map((x: { id: string }) => x.id)).toEqual([c.uuid]);
    const next = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
    });
    expect(next.body.data.conversation.id).not.toBe(c.uuid);
  });
});
