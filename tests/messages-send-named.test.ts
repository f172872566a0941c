import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  presentConversation as seed000Conversation,
  presentMessage as seed001Message,
} from '../server/contracts/chatbot-platform/present';
import { db } from '../server/db/client';
import { type Conversation, conversations, messages } from '../server/db/schema';
import { acceptBatchStats } from '../server/services/messages/accept-batch';
import {
  acceptIntoNamedConversation as acceptIntoNamed,
  type NamedConversationSend as NamedAccept,
} from '../server/services/messages/create';
import { makeChatbot } from './factories/chatbot';
import { tokenFor } from './helpers/auth';
import {
  botTurnOf,
  conversationRow,
  eventTypes,
  inboxWorkspace,
  messageTexts,
  openConversation,
  sendAsCustomer,
} from './helpers/inbox';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

/** A send's body naming the conversation `c` of the chatbot `chatbotId`. */
const named = (chatbotId: string, c: Conversation) => ({
  chatbotId,
  externalUserId: c.externalUserId!,
  conversationId: c.uuid,
});

const messageCount = async (conversationId: number) => {
  const [row] = (await db.execute(
    sql`select count(*)::int as n from messages where conversation_id = ${conversationId}`,
  )) as unknown as [{ n: number }];
  return row!.n;
};

describe('sending into a named open conversation (accept_message, one statement)', () => {
  it('writes what the general path writes, and answers the rows as they are stored', async () => {
    const ws = await inboxWorkspace({ aiEnabled: true });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    for (const conversationId of [c.uuid, String(c.id)]) {
      const res = await sendAsCustomer(srv.url, ws.admin, {
        chatbotId: ws.bot.id,
        externalUserId: c.externalUserId!,
        conversationId,
        content: `into ${conversationId}`,
        metadata: { page: '/help' },
      });
      expect(res.status).toBe(202);
      const [message] = await db
        .select()
        .from(messages)
        .where(eq(messages.uuid, res.body.data.message.id));
      const row = await conversationRow(c.uuid);
      expect(res.body.data).toEqual({
        message: seed001Message(message!, c.uuid),
        conversation: seed000Conversation(row, { chatbotUuid: ws.bot.id }),
      });
      expect(message).toMatchObject({
        conversationId: c.id,
        direction: 'inbound',
        origin: 'client',
        content: { text: `into ${conversationId}` },
        metadata: { page: '/help' },
        status: 'delivered',
      });
      expect(row).toMatchObject({
        lastMessageId: message!.id,
        lastMessagePreview: `into ${conversationId}`,
        lastContactMessageAt: message!.createdAt,
      });
      expect((await botTurnOf(c.id))?.messageId).toBe(message!.id);
    }
    expect(await conversationRow(c.uuid)).toMatchObject({ messageCount: 3, unreadCount: 3 });
    expect((await eventTypes(c.id)).filter((t) => t === 'message:created')).toHaveLength(3);
  });

  it('replays an Idempotency-Key retry into a named conversation without a second message', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const body = { ...named(ws.bot.id, c), content: 'once only' };
    const headers = { 'Idempotency-Key': 'named-key-1' };
    const [a, b] = await Promise.all([
      sendAsCustomer(srv.url, ws.admin, body, headers),
      sendAsCustomer(srv.url, ws.admin, body, headers),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body).toEqual(a.body);
    expect(a.body.data.conversation.id).toBe(c.uuid);
    expect(await messageCount(c.id)).toBe(2);
    const other = await sendAsCustomer(srv.url, ws.admin, { ...body, content: 'else' }, headers);
    expect(other.status).toBe(422);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('writes nothing unless the conversation is open, the same thread and the caller’s', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const otherBot = await makeChatbot(ws.admin, { name: 'Other bot' });
    const agent = await ws.member('agent');
    const colleague = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const ok: NamedAccept = {
      workspaceId: ws.workspace.id,
      chatbot: { uuid: ws.bot.id },
      conversation: { uuid: c.uuid },
      externalUserId: c.externalUserId!,
      channel: 'WIDGET',
      widgetChatbotId: null,
      agentUserId: null,
      content: { text: 'hello' },
      metadata: {},
    };
    const other = await inboxWorkspace();
    const declined: [string, Partial<NamedAccept>][] = [
      ['another workspace', { workspaceId: other.workspace.id }],
      ['an unknown chatbot', { chatbot: { id: 2_000_000_000 } }],
      ['another chatbot of the workspace', { chatbot: { uuid: otherBot.id } }],
      ['a widget of another chatbot', { widgetChatbotId: -1 }],
      ['an unknown conversation', { conversation: { id: 2_000_000_000 } }],
      ['another visitor', { externalUserId: 'someone-else' }],
      ['another channel', { channel: 'WHATSAPP_CLOUD' }],
    ];
    for (const [what, change] of declined) {
      expect(await acceptIntoNamed(db, { ...ok, ...change }), what).toBeUndefined();
    }
    // An agent limited to their own conversations: a colleague's is not theirs.
    await db
      .update(conversations)
      .set({ assignedUserId: colleague.user.id })
      .where(eq(conversations.id, c.id));
    const asAgent = { ...ok, agentUserId: agent.user.id };
    expect(await acceptIntoNamed(db, asAgent)).toBeUndefined();
    await db.update(conversations).set({ status: 'ended' }).where(eq(conversations.id, c.id));
    expect(await acceptIntoNamed(db, ok)).toBeUndefined();
    expect(await messageCount(c.id)).toBe(1);

    // The colleague's own conversation, open again: accepted.
    await db.update(conversations).set({ status: 'paused' }).where(eq(conversations.id, c.id));
    const done = await acceptIntoNamed(db, { ...ok, agentUserId: colleague.user.id });
    expect(done?.chatbotUuid).toBe(ws.bot.id);
    expect(done?.conversation).toEqual(await conversationRow(c.uuid));
    expect(await messageCount(c.id)).toBe(2);
    expect(await acceptIntoNamed(db, { ...ok, widgetChatbotId: c.chatbotId })).toBeDefined();
    expect(await messageCount(c.id)).toBe(3);
  });

  it('answers the general path’s errors when it declines', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const agent = await ws.member('agent');
    const colleague = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await db
      .update(conversations)
      .set({ assignedUserId: colleague.user.id })
      .where(eq(conversations.id, c.id));
    const send = (body: Record<string, string>, token: string) =>
      fetch(`${srv.url}/messages/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          chatbotId: ws.bot.id,
          externalUserId: c.externalUserId,
          conversationId: c.uuid,
          content: 'hi',
          ...body,
        }),
      });
    const forbidden = await send({}, agent.token);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({
      message: 'This conversation is assigned to another agent',
    });
    const admin = await tokenFor(ws.admin);
    expect((await send({ externalUserId: 'someone-else' }, admin)).status).toBe(404);
    expect((await send({ channel: 'WHATSAPP_QR' }, admin)).status).toBe(404);
    expect((await send({ conversationId: 'not-an-id' }, admin)).status).toBe(404);
    expect((await send({}, colleague.token)).status).toBe(202);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('goes through the batcher, and refuses text PostgreSQL cannot store (400)', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const body = named(ws.bot.id, c);
    const before = acceptBatchStats.messages;
    const sent = await Promise.all(
      [1, 2, 3, 4].map((i) => sendAsCustomer(srv.url, ws.admin, { ...body, content: `s${i}` })),
    );
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(acceptBatchStats.messages - before).toBe(4);
    for (const [field, value] of [
      ['content', 'a\u0000b'],
      ['content', 'lone \ud800 half'],
      ['metadata', { nested: { x: '\u0000' } }],
    ] as const) {
      const res = await sendAsCustomer(srv.url, ws.admin, { ...body, [field]: value } as never);
      expect(res.status, field).toBe(400);
      expect(res.body.message).toEqual([
        `${field} must not contain NUL characters or unpaired surrogates`,
      ]);
    }
    const fine = await sendAsCustomer(srv.url, ws.admin, {
      ...body,
      content: 'a literal \\u0000 😀',
    });
    expect(fine.status).toBe(202);
    const stored = await messageTexts(c.id);
    expect(stored[0]).toBe('Hello, I need help');
    expect(stored.slice(1, 5).sort()).toEqual(['s1', 's2', 's3', 's4']);
    expect(stored.slice(5)).toEqual(['a literal \\u0000 😀']);
    expect(acceptBatchStats.messages - before).toBe(5);
  });
});
