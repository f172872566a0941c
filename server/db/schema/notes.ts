import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps, tstz } from './columns';
import { conversations } from './conversations';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A private note agents write in a conversation (issue 22). Notes are not messages and live
 * apart from them on purpose: every exit toward a customer (the widget gateway, the seed
 * contracts, WhatsApp and the QR bridges, the AI's history, exports) reads `messages`, so none
 * of them can carry a note, and an exit added tomorrow cannot either. Only the console's
 * thread reads this table (server/services/notes/).
 */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Who wrote it; null once that user is deleted (the note stays, "a former teammate"). */
    authorUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    ...timestamps,
  },
  (t) => [index('conversation_notes_conversation_idx').on(t.conversationId, t.id)],
);

/** A colleague @mentioned in a note: their notification, read when they open the conversation. */
export const noteMentions = pgTable(
  'note_mentions',
  {
    noteId: integer()
      .notNull()
      .references(() => conversationNotes.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    readAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.userId] }),
    index('note_mentions_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export type ConversationNote = typeof conversationNotes.$inferSelect;
export type NoteMention = typeof noteMentions.$inferSelect;
