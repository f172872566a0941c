import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { integrations } from './chatbots';
import { id, publicUuid, timestamps, tstz } from './columns';
import { conversations } from './conversations';
import {
  deliveryStatusEnum,
  messageDirectionEnum,
  messageOriginEnum,
  messageTypeEnum,
} from './enums';
import { users } from './users';
import { workspaces } from './workspaces';

export const messages = pgTable(
  'messages',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    integrationId: integer().references(() => integrations.id, { onDelete: 'set null' }),
    direction: messageDirectionEnum().notNull(),
    origin: messageOriginEnum().notNull(),
    type: messageTypeEnum().notNull().default('text'),
    /** `{text}` for text; the WhatsApp interactive object for interactive; media metadata. */
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    senderUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    status: deliveryStatusEnum().notNull().default('pending'),
    sentAt: tstz(),
    deliveredAt: tstz(),
    readAt: tstz(),
    failedAt: tstz(),
    errorCode: text(),
    errorTitle: text(),
    /** The provider's id (wamid); unique per integration so retried webhooks dedupe. */
    externalId: text(),
    idempotencyKey: text(),
    /** sha256 of the request that carried the idempotency key. */
    requestHash: text(),
    /** For bot replies: the inbound message answered; unique so a retried job cannot reply twice. */
    replyToMessageId: integer(),
    ...timestamps,
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id),
    // A workspace's messages by id: message search walks it newest first, or ANDs a window of
    // it with the text's index (server/services/messages/search-plan.ts).
    index('messages_workspace_idx').on(t.workspaceId, t.id),
    uniqueIndex('messages_external_id_unique').on(t.integrationId, t.externalId),
    uniqueIndex('messages_idempotency_unique').on(t.workspaceId, t.idempotencyKey),
    uniqueIndex('messages_reply_unique').on(t.replyToMessageId).where(sql`${t.origin} = 'bot'`),
    // Message search (server/services/messages/search.ts): the readable text folded (lower case,
    // no accents) as whole words, and as trigrams for parts of words. Expressions rather than
    // stored columns, so the table keeps its width; partial, so messages without text (a bare
    // image, an interactive reply's id) cost nothing. Search names the same expressions.
    index('messages_search_words_idx')
      .using('gin', sql`to_tsvector('simple'::regconfig, kb_fold(message_text(${t.content})))`)
      .where(sql`message_text(${t.content}) <> ''`),
    index('messages_search_trgm_idx')
      .using('gin', sql`kb_fold(message_text(${t.content})) gin_trgm_ops`)
      .where(sql`message_text(${t.content}) <> ''`),
  ],
);

export type Message = typeof messages.$inferSelect;

/**
 * A send to the provider that began: written and committed before the call. A message still
 * pending with one lost its outcome (the process died mid-call) and is never sent again blindly.
 * Apart from the message row, so a message read anywhere else does not carry it.
 */
export const messageSendAttempts = pgTable('message_send_attempts', {
  messageId: integer()
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  startedAt: tstz().notNull().defaultNow(),
});
