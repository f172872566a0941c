import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { contacts, conversations, messages } from '../server/db/schema';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { botTurnOf, sendAsCustomer, visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

describe('POST /messages/send (seed 001)', () => {
  it('accepts a message with 202, creates the conversation and contact, and opens the bot’s turn', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const externalUserId = visitor();
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId,
      content: 'Oi!',
      metadata: { page: '/pricing' },
    } as never);
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Message accepted for processing');
    const { message, conversation } = res.body.data;
    expect(message).toMatchObject({
      content: 'Oi!',
      role: 'USER',
      deliveryStatus: 'SENT',
      conversationId: conversation.id,
    });
    expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(conversation).toMatchObject({
      chatbotId: bot.id,
      externalUserId,
      channel: 'WIDGET',
      status: 'ACTIVE',
    });
    expect(conversation.lastMessageAt).toBe(message.createdAt);

    const [row] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, conversation.id));
    expect(row).toMatchObject({
      messageCount: 1,
      unreadCount: 1,
      read: false,
      lastMessagePreview: 'Oi!',
    });
    const [msg] = await db.select().from(messages).where(eq(messages.uuid, message.id));
    expect(await botTurnOf(row!.id)).toMatchObject({ messageId: msg!.id, state: 'waiting' });

    const second = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId,
      content: 'Again',
    });
    expect(second.body.data.conversation.id).toBe(conversation.id);
  });

  it('validates the body with class-validator messages', async () => {
    const { admin } = await makeWorkspace();
    const res = await api(srv.url, 'POST', '/messages/send', {
      token: await tokenFor(admin),
      body: { externalUserId: '', channel: 'SMS' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'chatbotId should not be empty',
        'externalUserId should not be empty',
        'content should not be empty',
        'channel must be one of the following values: WIDGET, WHATSAPP_CLOUD, WHATSAPP_QR',
      ]),
    );
  });

  it('creates exactly one conversation and one contact for twenty concurrent first messages', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const externalUserId = visitor();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sendAsCustomer(srv.url, admin, {
          chatbotId: bot.id,
          externalUserId,
          content: `message ${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(results.map((r) => r.body.data.conversation.id)).size).toBe(1);
    const convs = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, externalUserId));
    expect(convs).toHaveLength(1);
    expect(convs[0]!.messageCount).toBe(20);
    const people = await db.select().from(contacts).where(eq(contacts.externalId, externalUserId));
    expect(people).toHaveLength(1);
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const body = { chatbotId: bot.id, externalUserId: visitor(), content: 'pay my bill' };
    const headers = { 'Idempotency-Key': 'key-123' };
    const [a, b] = await Promise.all([
      sendAsCustomer(srv.url, admin, body, headers),
      sendAsCustomer(srv.url, admin, body, headers),
    ]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body).toEqual(a.body);
    const c = await sendAsCustomer(srv.url, admin, body, headers);
    expect(c.body).toEqual(a.body);
    const [{ n }] = (await db.execute(
      sql`select count(*)::int as n from messages where conversation_id = (select id from conversations where uuid = ${a.body.data.conversation.id})`,
    )) as unknown as [{ n: number }];
    expect(n).toBe(1);
    const other = await sendAsCustomer(
      srv.url,
      admin,
      { ...body, content: 'something else' },
      headers,
    );
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('Unprocessable Entity');
  });

  it('opens a new conversation after the previous one ended', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const externalUserId = visitor();
    const token = await tokenFor(admin);
    const first = await sendAsCustomer(srv.url, admin, { chatbotId: bot.id, externalUserId });
    const id = first.body.data.conversation.id;
    const closed = await api(srv.url, 'PATCH', `/conversations/${id}`, {
      token,
      body: { status: 'CLOSED' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    const next = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId,
      conversationId: id,
    });
    expect(next.status).toBe(202);
    expect(next.body.data.conversation.id).not.toBe(id);
    expect(next.body.data.conversation.status).toBe('ACTIVE');
  });

  it('lists a conversation’s messages (page/limit, default 50) and reads one message', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const externalUserId = visitor();
    let conversationId = '';
    for (let i = 0; i < 3; i++) {
      const r = await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId,
        content: `m${i}`,
      });
      conversationId = r.body.data.conversation.id;
    }
    const token = await tokenFor(admin);
    const page = await api(srv.url, 'GET', `/messages/conversation/${conversationId}?limit=2`, {
      token,
    });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, limit: 2, totalPages: 2 });
    expect(page.body.data.map((m: { content: string }) => m.content)).toEqual(['m0', 'm1']);
    const defaults = await api(srv.url, 'GET', `/messages/conversation/${conversationId}`, {
      token,
    });
    expect(defaults.body.limit).toBe(50);
    const one = await api(srv.url, 'GET', `/messages/${page.body.data[0].id}`, { token });
    expect(one.body).toEqual(page.body.data[0]);

    const other = await makeWorkspace();
    const otherToken = await tokenFor(other.admin);
    expect(
      (await api(srv.url, 'GET', `/messages/conversation/${conversationId}`, { token: otherToken }))
        .status,
    ).toBe(404);
    expect(
      (await api(srv.url, 'GET', `/messages/${page.body.data[0].id}`, { token: otherToken }))
        .status,
    ).toBe(404);
    const foreignBot = await sendAsCustomer(srv.url, other.admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
    });
    expect(foreignBot.status).toBe(404);
  });
});
