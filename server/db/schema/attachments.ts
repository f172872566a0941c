import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps } from './columns';
import { conversations } from './conversations';
import { contacts } from './crm';
import { messages } from './messages';
import { users } from './users';
import { workspaces } from './workspaces';

/** Where a file's bytes are kept (server/services/files/storage.ts). */
export type FileStorageKind = 'local' | 's3';

/**
 * A file attached to a conversation (issue 22). Uploaded first, then named by the media message
 * that sends it: `message_id` stays null until that message is written, in the same transaction,
 * so an attachment is sent at most once. The bytes live outside the database (local disk or an
 * S3-compatible store) under `storage_key`; the row is what may be served and to whom.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The media message that sent it; null until sent. */
    messageId: integer().references(() => messages.id, { onDelete: 'set null' }),
    /** The agent who uploaded it; null for a customer's file or a deleted user. */
    uploadedByUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    /**
     * The customer who uploaded it (a widget visitor: the conversation's contact). A null user
     * alone cannot say so: a deleted agent's upload has one too, and must not become the
     * visitor's to send.
     */
    uploadedByContactId: integer().references(() => contacts.id, { onDelete: 'set null' }),
    storage: text().$type<FileStorageKind>().notNull(),
    storageKey: text().notNull(),
    /** Sniffed from the bytes, never taken from the name or the request. */
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    /** Sanitized, at most 255 characters. */
    fileName: text().notNull(),
    sha256: text().notNull(),
    ...timestamps,
  },
  (t) => [
    index('attachments_conversation_idx').on(t.conversationId, t.id),
    index('attachments_message_idx').on(t.messageId),
    index('attachments_workspace_idx').on(t.workspaceId),
  ],
);

export type Attachment = typeof attachments.$inferSelect;
