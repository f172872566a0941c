import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { id, timestamps } from './columns';
import { workspaces } from './workspaces';

/**
 * Widget visitors the server identified itself: each holds a secret the server issued to one
 * browser, kept here only as its SHA-256 (a copy of this table reveals no secret).
 */
export const widgetVisitors = pgTable(
  'widget_visitors',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    externalUserId: text().notNull(),
    /** SHA-256 (hex) of the visitor secret; null for a legacy id nobody has claimed yet. */
    secretHash: text(),
    /**
     * A `web-<uuid>` id from before visitor secrets (migration 0014): a session naming it alone
     * is accepted, and answers a new secret, until one of its secrets has been used once.
     */
    legacy: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('widget_visitors_chatbot_user_unique').on(t.chatbotId, t.externalUserId),
    uniqueIndex('widget_visitors_secret_unique').on(t.secretHash),
    index('widget_visitors_workspace_idx').on(t.workspaceId),
  ],
);

export type WidgetVisitor = typeof widgetVisitors.$inferSelect;
