import { type AnyColumn, and, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import {
  type Contact,
  type Conversation,
  chatbots,
  contacts,
  contactTags,
  conversationParticipants,
  conversations,
  type Integration,
  integrations,
  type Message,
  messages,
  tags,
  type User,
  users,
} from '../../db/schema';

const assignee = alias(users, 'assignee');
const lastMessage = alias(messages, 'last_message');
const lastSender = alias(users, 'last_sender');
/** The bot that wrote the last message: the conversation's chatbot, even once it is silenced. */
const lastBot = alias(chatbots, 'last_bot');

/** A time as the server's toISOString writes it (iso_time, migration 0009). */
const iso = (col: AnyColumn | SQL) => sql`iso_time(${col})`;

/** The contact's tags as JSON, in the same query (no N+1). */
const contactTagsJson = sql`coalesce((
  select json_agg(json_build_object(
    'id', ${tags.id}, 'name', ${tags.name}, 'color', ${tags.color},
    'created_at', ${iso(tags.createdAt)}, 'updated_at', ${iso(tags.updatedAt)}
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

type C = Conversation;
/**
 * The inbox summary of a conversation: the conversation with its contact (and tags),
 * integration, assignee, bot and last message, as the JSON `conversationSummaryJson` builds.
 * It is the domain's own projection, built by PostgreSQL because the inbox list is hot
 * (docs/performance.md); the CRM contract (contracts/crm) and the console present it as it is.
 */
export interface ConversationSummary {
  id: number;
  uuid: string;
  contact_id: C['contactId'];
  integration_id: C['integrationId'];
  assigned_user: C['assignedUserId'];
  assigned_bot: C['assignedBotId'];
  unread_count: number;
  read: boolean;
  status: C['status'];
  channel: C['channel'];
  message_count: number;
  my_unread_count: number;
  waiting_since: string | null;
  csw_expires_at: string | null;
  /** Until when an agent snoozed it (issue 22); null when not snoozed or the time has passed. */
  snoozed_until: string | null;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  last_contact_message_at: string | null;
  contact: {
    id: number;
    external_id: Contact['externalId'];
    name: Contact['name'];
    phone_number: Contact['phoneNumber'];
    created_at: string;
    updated_at: string;
    tags: TagJson[];
  } | null;
  integration: {
    id: number;
    name: Integration['name'];
    channel: Integration['channel'];
    phone_number: Integration['phoneNumber'];
    created_at: string;
    updated_at: string;
  } | null;
  user: {
    id: number;
    name: User['name'];
    email: string;
    created_at: string;
    updated_at: string;
  } | null;
  bot: { id: number; uuid: string; name: string; created_at: string; updated_at: string } | null;
  last_message: {
    id: number;
    conversation_id: number;
    direction: Message['direction'];
    origin: Message['origin'];
    message_text: string;
    status: Message['status'];
    created_at: string;
    delivered_at: string | null;
    user: { id: number; name: User['name']; email: string } | null;
    bot: { id: number; name: string } | null;
    attachments: unknown[];
  } | null;
}

/** An embedded row's object, or null where the left join found none. */
const embed = (id: AnyColumn, fields: SQL) =>
  sql`case when ${id} is null then null else json_build_object(${fields}) end`;

/**
 * The conversation summary as JSON text, built by PostgreSQL (iso_time and message_text,
 * migration 0009, write times and texts as the server's toISOString and messageText do):
 * Node neither decodes the 55 columns of each row nor encodes them again (issue 4,
 * docs/performance.md).
 */
/**
 * A viewer who never joined a conversation waiting for a person has read none of what the
 * customer wrote since it began waiting: that many are unread for them (their own count, not
 * the conversation's shared one, which a colleague's read resets). Other conversations they
 * never joined have nothing for them to read.
 */
const waitingUnread = sql`case when ${conversations.assignedUserId} is null
    and ${conversations.assignedBotId} is null and ${conversations.status} <> 'ended'
  then (select count(*)::int from messages wm where wm.conversation_id = ${conversations.id}
    and wm.direction = 'inbound'
    and wm.created_at >= coalesce(${conversations.handoffAt}, ${conversations.createdAt}))
  else 0 end`;

const conversationSummaryJson = (() => {
  const c = conversations;
  const m = lastMessage;
  return sql<string>`json_build_object(
    'id', ${c.id},
    'uuid', ${c.uuid},
    'contact_id', ${c.contactId},
    'integration_id', ${c.integrationId},
    'assigned_user', ${c.assignedUserId},
    'assigned_bot', ${c.assignedBotId},
    'unread_count', ${c.unreadCount},
    'read', ${c.read},
    'status', ${c.status},
    'channel', ${c.channel},
    'message_count', ${c.messageCount},
    'my_unread_count', coalesce(${conversationParticipants.unreadCount}, ${waitingUnread}),
    'waiting_since', case when ${c.assignedUserId} is null and ${c.assignedBotId} is null
      then ${iso(sql`coalesce(${c.handoffAt}, ${c.createdAt})`)} end,
    'csw_expires_at', ${iso(c.cswExpiresAt)},
    'snoozed_until', case when ${c.snoozedUntil} > now() then ${iso(c.snoozedUntil)} end,
    'created_at', ${iso(c.createdAt)},
    'updated_at', ${iso(c.updatedAt)},
    'last_activity_at', ${iso(c.lastActivityAt)},
    'last_contact_message_at', ${iso(c.lastContactMessageAt)},
    'contact', ${embed(
      contacts.id,
      sql`'id', ${contacts.id}, 'external_id', ${contacts.externalId}, 'name', ${contacts.name},
        'phone_number', ${contacts.phoneNumber}, 'created_at', ${iso(contacts.createdAt)},
        'updated_at', ${iso(contacts.updatedAt)}, 'tags', ${contactTagsJson}`,
    )},
    'integration', ${embed(
      integrations.id,
      sql`'id', ${integrations.id}, 'name', ${integrations.name},
        'channel', ${integrations.channel}, 'phone_number', ${integrations.phoneNumber},
        'created_at', ${iso(integrations.createdAt)}, 'updated_at', ${iso(integrations.updatedAt)}`,
    )},
    'user', ${embed(
      assignee.id,
      sql`'id', ${assignee.id}, 'name', ${assignee.name}, 'email', ${assignee.email},
        'created_at', ${iso(assignee.createdAt)}, 'updated_at', ${iso(assignee.updatedAt)}`,
    )},
    'bot', ${embed(
      chatbots.id,
      sql`'id', ${chatbots.id}, 'uuid', ${chatbots.uuid}, 'name', ${chatbots.name},
        'created_at', ${iso(chatbots.createdAt)}, 'updated_at', ${iso(chatbots.updatedAt)}`,
    )},
    'last_message', ${embed(
      m.id,
      sql`'id', ${m.id}, 'conversation_id', ${m.conversationId}, 'direction', ${m.direction},
        'origin', ${m.origin}, 'message_text', message_text(${m.content}), 'status', ${m.status},
        'created_at', ${iso(m.createdAt)}, 'delivered_at', ${iso(m.deliveredAt)},
        'user', ${embed(lastSender.id, sql`'id', ${lastSender.id}, 'name', ${lastSender.name}, 'email', ${lastSender.email}`)},
        'bot', ${embed(lastBot.id, sql`'id', ${lastBot.id}, 'name', ${lastBot.name}`)},
        'attachments', case when jsonb_typeof(${m.metadata} -> 'attachments') = 'array'
          then ${m.metadata} -> 'attachments' else '[]'::jsonb end`,
    )})::text`;
})();

/**
 * The conversation summary with everything it embeds (contact + tags, integration, user, bot,
 * last message) in ONE query, as JSON text (`ConversationSummary`); `viewerId` adds the
 * viewer's own unread count; `total` (a list's count subquery) rides on every row.
 */
export function conversationSummaryQuery(
  tx: DbOrTx,
  viewerId: number | Placeholder,
  total: SQL = sql`null`,
) {
  return tx
    .select({ json: conversationSummaryJson, total: sql<number>`${total}`.mapWith(Number) })
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
