import { and, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
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
} from '../../db/schema';
import { messageText } from '../messages/serialize';
import { iso, stamps } from '../serialize';

const assignee = alias(users, 'assignee');
const lastMessage = alias(messages, 'last_message');
const lastSender = alias(users, 'last_sender');
/** The bot that wrote the last message: the conversation's chatbot, even once it is silenced. */
const lastBot = alias(chatbots, 'last_bot');

const isoSql = (col: SQL | unknown) =>
  sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The contact's tags as JSON, in the same query (no N+1). */
const contactTagsJson = sql<TagJson[]>`coalesce((
  select json_agg(json_build_object(
    'id', ${tags.id}, 'name', ${tags.name}, 'color', ${tags.color},
    'created_at', ${isoSql(tags.createdAt)}, 'updated_at', ${isoSql(tags.updatedAt)}
  ) order by ${tags.id})
  from ${contactTags} join ${tags} on ${tags.id} = ${contactTags.tagId}
  where ${contactTags.contactId} = ${conversations.contactId}
), '[]'::json)`;

interface TagJson {
  id: number;
  name: string;
  color: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The seed-003 conversation with everything it embeds (contact + tags, integration, user, bot,
 * last message) in ONE query; `viewerId` adds the viewer's own unread count; `total` (a list's
 * count subquery) rides on every row.
 */
export function richConversationQuery(
  tx: DbOrTx,
  viewerId: number | Placeholder,
  total: SQL = sql`null`,
) {
  const c = conversations;
  // Only the columns seed003Conversation serializes: every column is mapped on every row.
  return tx
    .select({
      conversation: {
        id: c.id,
        uuid: c.uuid,
        contactId: c.contactId,
        integrationId: c.integrationId,
        assignedUserId: c.assignedUserId,
        assignedBotId: c.assignedBotId,
        unreadCount: c.unreadCount,
        read: c.read,
        status: c.status,
        channel: c.channel,
        messageCount: c.messageCount,
        handoffAt: c.handoffAt,
        cswExpiresAt: c.cswExpiresAt,
        lastActivityAt: c.lastActivityAt,
        lastContactMessageAt: c.lastContactMessageAt,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      },
      contact: {
        id: contacts.id,
        externalId: contacts.externalId,
        name: contacts.name,
        phoneNumber: contacts.phoneNumber,
        createdAt: contacts.createdAt,
        updatedAt: contacts.updatedAt,
      },
      tags: contactTagsJson,
      integration: {
        id: integrations.id,
        name: integrations.name,
        channel: integrations.channel,
        phoneNumber: integrations.phoneNumber,
        createdAt: integrations.createdAt,
        updatedAt: integrations.updatedAt,
      },
      user: {
        id: assignee.id,
        name: assignee.name,
        email: assignee.email,
        createdAt: assignee.createdAt,
        updatedAt: assignee.updatedAt,
      },
      bot: {
        id: chatbots.id,
        uuid: chatbots.uuid,
        name: chatbots.name,
        createdAt: chatbots.createdAt,
        updatedAt: chatbots.updatedAt,
      },
      lastMessage: {
        id: lastMessage.id,
        conversationId: lastMessage.conversationId,
        direction: lastMessage.direction,
        origin: lastMessage.origin,
        content: lastMessage.content,
        metadata: lastMessage.metadata,
        status: lastMessage.status,
        createdAt: lastMessage.createdAt,
        deliveredAt: lastMessage.deliveredAt,
      },
      lastSender: { id: lastSender.id, name: lastSender.name, email: lastSender.email },
      lastBot: { id: lastBot.id, name: lastBot.name },
      myUnread: conversationParticipants.unreadCount,
      total: sql<number>`${total}`.mapWith(Number),
    })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(integrations, eq(integrations.id, conversations.integrationId))
    .leftJoin(assignee, eq(assignee.id, conversations.assignedUserId))
    .leftJoin(chatbots, eq(chatbots.id, conversations.assignedBotId))
    .leftJoin(lastMessage, eq(lastMessage.id, conversations.lastMessageId))
    .leftJoin(lastSender, eq(lastSender.id, lastMessage.senderUserId))
    .leftJoin(lastBot, and(eq(lastMessage.origin, 'bot'), eq(lastBot.id, conversations.chatbotId)))
    .leftJoin(
      conversationParticipants,
      sql`${conversationParticipants.conversationId} = ${conversations.id} and ${conversationParticipants.userId} = ${viewerId}`,
    );
}

type RichRow = Awaited<ReturnType<ReturnType<typeof richConversationQuery>['execute']>>[number];

export function seed003Conversation(r: RichRow) {
  const c = r.conversation;
  const m = r.lastMessage;
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
    my_unread_count: r.myUnread ?? 0,
    waiting_since: iso(
      c.assignedUserId === null && c.assignedBotId === null ? (c.handoffAt ?? c.createdAt) : null,
    ),
    csw_expires_at: iso(c.cswExpiresAt),
    ...stamps(c),
    last_activity_at: c.lastActivityAt.toISOString(),
    last_contact_message_at: iso(c.lastContactMessageAt),
    contact: r.contact && {
      id: r.contact.id,
      external_id: r.contact.externalId,
      name: r.contact.name,
      phone_number: r.contact.phoneNumber,
      ...stamps(r.contact),
      tags: r.tags,
    },
    integration: r.integration && {
      id: r.integration.id,
      name: r.integration.name,
      channel: r.integration.channel,
      phone_number: r.integration.phoneNumber,
      ...stamps(r.integration),
    },
    user: r.user && { id: r.user.id, name: r.user.name, email: r.user.email, ...stamps(r.user) },
    bot: r.bot && { id: r.bot.id, uuid: r.bot.uuid, name: r.bot.name, ...stamps(r.bot) },
    last_message: m && {
      id: m.id,
      conversation_id: m.conversationId,
      direction: m.direction,
      origin: m.origin,
      message_text: messageText(m.content),
      status: m.status,
      created_at: m.createdAt.toISOString(),
      delivered_at: iso(m.deliveredAt),
      user: r.lastSender?.id ? r.lastSender : null,
      bot: r.lastBot?.id ? r.lastBot : null,
      attachments: Array.isArray(m.metadata.attachments) ? m.metadata.attachments : [],
    },
  };
}
export type Seed003Conversation = ReturnType<typeof seed003Conversation>;
