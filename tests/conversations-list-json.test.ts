import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import {
  chatbots,
  contacts,
  contactTags,
  conversationParticipants,
  conversations,
  integrations,
  messages,
  tags,
  users,
} from '../server/db/schema';
import { insertMessage } from '../server/services/messages/create';
import { messageText } from '../shared/message-text';
import { callerFor } from './helpers/auth';
import { conversationRow, inboxWorkspace, openConversation } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const stamps = (r: { createdAt: Date; updatedAt: Date }) => ({
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});
const one = async <T>(rows: Promise<T[]>) => (await rows)[0] ?? null;
/** The row `read` finds for an id, or null when there is no id to read. */
const byId = <T>(id: number | null | undefined, read: (id: number) => Promise<T[]>) =>
  id == null ? null : one(read(id));
const userRow = (id: number) => db.select().from(users).where(eq(users.id, id));
const chatbotRow = (id: number) => db.select().from(chatbots).where(eq(chatbots.id, id));

/**
 * Seed 003's conversation as the documented shape says, from the rows read through drizzle:
 * the oracle the JSON PostgreSQL builds (rich-query.ts) is held to.
 */
async function expected(conversationId: number, viewerId: number) {
  const c = (await byId(conversationId, (id) =>
    db.select().from(conversations).where(eq(conversations.id, id)),
  ))!;
  const contact = await byId(c.contactId, (id) =>
    db.select().from(contacts).where(eq(contacts.id, id)),
  );
  const tagRows = contact
    ? await db
        .select({ tag: tags })
        .from(contactTags)
        .innerJoin(tags, eq(tags.id, contactTags.tagId))
        .where(eq(contactTags.contactId, contact.id))
        .orderBy(asc(tags.id))
    : [];
  const integration = await byId(c.integrationId, (id) =>
    db.select().from(integrations).where(eq(integrations.id, id)),
  );
  const user = await byId(c.assignedUserId, userRow);
  const bot = await byId(c.assignedBotId, chatbotRow);
  const m = await byId(c.lastMessageId, (id) =>
    db.select().from(messages).where(eq(messages.id, id)),
  );
  const sender = await byId(m?.senderUserId, userRow);
  const lastBot = await byId(m?.origin === 'bot' ? c.chatbotId : null, chatbotRow);
  const mine = await one(
    db
      .select()
      .from(conversationParticipants)
      .where(
        and(
          eq(conversationParticipants.conversationId, c.id),
          eq(conversationParticipants.userId, viewerId),
        ),
      ),
  );
  const attachments = m?.metadata.attachments;
  return {
    id: c.id,
    uuid: c.uuid,
    contact_id: c.contactId,
    integration_id: c.integrationId,
    assigned_user: c.assignedUserId,
    assigned_bot: c.assignedBotId,
    unread_count: c.unreadCount,
    read: c.read,
    status: c.status,
    channel: c.channel,
    message_count: c.messageCount,
    my_unread_count: mine?.unreadCount ?? 0,
    waiting_since:
      c.assignedUserId === null && c.assignedBotId === null
        ? iso(c.handoffAt ?? c.createdAt)
        : null,
    csw_expires_at: iso(c.cswExpiresAt),
    snoozed_until: c.snoozedUntil && c.snoozedUntil > new Date() ? iso(c.snoozedUntil) : null,
    ...stamps(c),
    last_activity_at: c.lastActivityAt.toISOString(),
    last_contact_message_at: iso(c.lastContactMessageAt),
    contact: contact && {
      id: contact.id,
      external_id: contact.externalId,
      name: contact.name,
      phone_number: contact.phoneNumber,
      ...stamps(contact),
      tags: tagRows.map(({ tag }) => ({
        id: tag.id,
        name: tag.name,
        color: tag.color,
        ...stamps(tag),
      })),
    },
    integration: integration && {
      id: integration.id,
      name: integration.name,
      channel: integration.channel,
      phone_number: integration.phoneNumber,
      ...stamps(integration),
    },
    user: user && { id: user.id, name: user.name, email: user.email, ...stamps(user) },
    bot: bot && { id: bot.id, uuid: bot.uuid, name: bot.name, ...stamps(bot) },
    last_message: m && {
      id: m.id,
      conversation_id: m.conversationId,
      direction: m.direction,
      origin: m.origin,
      message_text: messageText(m.content),
      status: m.status,
      created_at: m.createdAt.toISOString(),
      delivered_at: iso(m.deliveredAt),
      user: sender && { id: sender.id, name: sender.name, email: sender.email },
      bot: lastBot && { id: lastBot.id, name: lastBot.name },
      attachments: Array.isArray(attachments) ? attachments : [],
    },
  };
}

describe('seed 003 conversations as PostgreSQL writes them', () => {
  it('equals the documented shape of the stored rows, awkward values and all', async () => {
    const ws = await inboxWorkspace();
    const agent = await ws.member('agent', 'Zoë "Z" O\'Neil');
    const admin = callerFor(ws.admin);
    const vip = await admin.tags.create({ name: 'VIP ⭐', color: '#FF0000' });
    const plain = await admin.tags.create({ name: 'plain' });
    const integration = await admin.integrations.create({
      channel: 'WIDGET',
      name: 'Site\twidget',
      defaultChatbotId: ws.bot.id,
    });
    const open = (content: string) => openConversation(srv.url, ws.admin, ws.bot.id, { content });

    // Waiting for a human since its handoff, microsecond times, an unusual contact, two tags, an
    // operator's interactive last message with attachments, and the viewer's own unread count.
    const waiting = await open('first');
    await db
      .update(contacts)
      .set({ name: 'João "JJ"\nSilva 😀', phoneNumber: null })
      .where(eq(contacts.id, waiting.contactId!));
    await db.insert(contactTags).values(
      [vip, plain].map((t) => ({
        workspaceId: ws.workspace.id,
        contactId: waiting.contactId!,
        tagId: t.id,
      })),
    );
    await admin.conversations.sendMessage({
      conversationId: waiting.uuid,
      message: { type: 'text', content: { text: 'Operator <b>here</b> \\ "quoted"' } },
    });
    const [operatorMessage] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, waiting.id), eq(messages.origin, 'operator')));
    await db
      .update(messages)
      .set({
        content: { type: 'interactive', body: { text: 'Pick one ✓' } },
        metadata: { attachments: [{ url: 'https://example.test/a.png', size: 12 }] },
      })
      .where(eq(messages.id, operatorMessage!.id));
    await db.execute(sql`update conversations set assigned_bot_id = null, assigned_user_id = null,
      handoff_at = '2026-03-04 05:06:07.891999+00', created_at = '2026-03-01 00:00:00.000001+00',
      csw_expires_at = '2026-03-05 05:06:07.5+00', integration_id = ${integration.id}
      where id = ${waiting.id}`);
    await db.execute(sql`update conversation_participants set unread_count = 3
      where conversation_id = ${waiting.id} and user_id = ${ws.admin.id}`);

    // The bot's: its last message is the bot's reply (a caption, attachments not a list).
    const botHandled = await open('second');
    const reply = await db.transaction((tx) =>
      insertMessage(tx, botHandled, {
        direction: 'outbound',
        origin: 'bot',
        type: 'media',
        content: { caption: 'A picture' },
        metadata: { attachments: 'not a list' },
        status: 'sent',
      }),
    );
    expect((await conversationRow(botHandled.uuid)).lastMessageId).toBe(reply.id);

    // An agent's, and one opened without a message (no last message, no activity of the visitor).
    const assigned = await open('third');
    await admin.conversations.assign({ conversationId: assigned.id, userId: agent.user.id });
    const empty = await api(srv.url, 'POST', '/conversations', {
      token: ws.token,
      body: { chatbotId: ws.bot.id, externalUserId: 'no-messages', channel: 'WIDGET' },
    });
    // The bot's, the visitor's message last: a bot, but no author bot on the last message.
    const visitorLast = await open('fifth');

    const ids = [
      waiting.id,
      botHandled.id,
      assigned.id,
      (await conversationRow(empty.body.id)).id,
      visitorLast.id,
    ];
    const list = await api(srv.url, 'GET', '/conversations?all=true&sortBy=id&sortOrder=asc', {
      token: ws.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.data.map((c: { id: number }) => c.id)).toEqual(ids);
    for (const [k, id] of ids.entries()) {
      const want = await expected(id, ws.admin.id);
      expect(list.body.data[k]).toEqual(want);
      const detail = await api(srv.url, 'GET', `/conversations/${id}`, { token: ws.token });
      expect(detail.body).toEqual(want);
    }
    expect(list.body.data[0]).toMatchObject({
      waiting_since: '2026-03-04T05:06:07.891Z',
      created_at: '2026-03-01T00:00:00.000Z',
      my_unread_count: 3,
      contact: { name: 'João "JJ"\nSilva 😀', phone_number: null, tags: [{}, {}] },
      last_message: { message_text: 'Pick one ✓', attachments: [{ size: 12 }] },
    });
    expect(list.body.data[1].last_message).toMatchObject({
      message_text: 'A picture',
      bot: { name: 'Support bot' },
      attachments: [],
    });
    expect(list.body.data[3]).toMatchObject({ last_message: null, message_count: 0 });
    expect(list.body.data[4]).toMatchObject({
      bot: { name: 'Support bot' },
      last_message: { message_text: 'fifth', bot: null },
    });
  });
});
