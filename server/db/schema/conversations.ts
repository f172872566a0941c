import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { chatbots, integrations } from './chatbots';
import { id, publicUuid, timestamps, tstz } from './columns';
import { contacts } from './crm';
import { channelEnum, conversationKindEnum, conversationStatusEnum } from './enums';
import { users } from './users';
import { workspaces } from './workspaces';

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** customer: a contact talking to a chatbot on a channel; direct: agents talking (seed 004). */
    kind: conversationKindEnum().notNull().default('customer'),
    contactId: integer().references(() => contacts.id, { onDelete: 'restrict' }),
    integrationId: integer().references(() => integrations.id, { onDelete: 'set null' }),
    chatbotId: integer().references(() => chatbots.id, { onDelete: 'set null' }),
    channel: channelEnum(),
    externalUserId: varchar({ length: 255 }),
    status: conversationStatusEnum().notNull().default('active'),
    assignedUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    assignedBotId: integer().references(() => chatbots.id, { onDelete: 'set null' }),
    unreadCount: integer().notNull().default(0),
    read: boolean().notNull().default(true),
    /** The flow node the customer is at (seed 002), on flowVersionId's graph. */
    currentNodeId: text(),
    /** The flow version the conversation started on and finishes on (flow_versions.id). */
    flowVersionId: integer(),
    /**
     * The flow engine's state at currentNodeId: e.g. `{retries: 1}` while an ask node waits
     * for a valid answer; `{paused: true}` is never stored (a takeover pauses by status).
     */
    flowState: jsonb().$type<Record<string, unknown>>(),
    cswStartedAt: tstz(),
    cswExpiresAt: tstz(),
    lastMessageAt: tstz(),
    lastActivityAt: tstz().notNull().defaultNow(),
    lastContactMessageAt: tstz(),
    lastMessageId: integer(),
    lastMessagePreview: text(),
    messageCount: integer().notNull().default(0),
    isArchived: boolean().notNull().default(false),
    taggableType: text(),
    taggableId: bigint({ mode: 'number' }),
    /** Set when the bot hands the conversation to humans; cleared on release. */
    handoffAt: tstz(),
    handoffReason: text(),
    endedAt: tstz(),
    /**
     * Snoozed by an agent until then (issue 22): out of the open views until the time comes or
     * the customer writes, whichever is first; null when not snoozed.
     */
    snoozedUntil: tstz(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('conversations_one_open_per_user')
      .on(t.chatbotId, t.externalUserId, t.channel)
      .where(sql`${t.status} <> 'ended'`),
    index('conversations_activity_idx').on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc()),
    index('conversations_status_idx').on(t.workspaceId, t.status, t.id.desc()),
    index('conversations_assignee_idx').on(
      t.workspaceId,
      t.assignedUserId,
      t.lastActivityAt.desc(),
    ),
    index('conversations_contact_idx').on(t.contactId),
    // A WhatsApp customer's latest conversation on a number, ended ones too: where a survey's
    // answer goes (server/services/csat/whatsapp-reply.ts), asked of every inbound message.
    index('conversations_external_user_idx').on(t.integrationId, t.externalUserId, t.id.desc()),
    // The auto-assignment queue: open, unassigned, longest-waiting first.
    index('conversations_waiting_idx')
      .on(t.workspaceId, sql`coalesce(${t.handoffAt}, ${t.createdAt})`, t.id)
      .where(sql`${t.assignedUserId} is null and ${t.status} <> 'ended'`),
    index('conversations_open_load_idx').on(t.assignedUserId).where(sql`${t.status} <> 'ended'`),
    // Seed 003's `unread=true` view: its page walks this in order and its total is an
    // index-only count (contact_id for the tag filter). docs/performance.md, issue 4.
    index('conversations_unread_idx')
      .on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc(), t.contactId)
      .where(sql`${t.read} = false and ${t.kind} = 'customer'`),
  ],
);

/** Per-agent read state (seed 004's pivot). */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unreadCount: integer().notNull().default(0),
    lastReadAt: tstz(),
    joinedAt: tstz().notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_participants_user_idx').on(t.userId, t.conversationId),
  ],
);

export const conversationVariables = pgTable(
  'conversation_variables',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    key: varchar({ length: 100 }).notNull(),
    value: text().notNull(),
    collectedAt: tstz().notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [unique('conversation_variables_key_unique').on(t.conversationId, t.key)],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationParticipant = typeof conversationParticipants.$inferSelect;
export type ConversationVariable = typeof conversationVariables.$inferSelect;
