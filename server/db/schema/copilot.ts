import { integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns';
import { conversations } from './conversations';
import { workspaces } from './workspaces';

/**
 * What the model wrote for the agents when the bot handed a conversation over: one row per
 * handoff (`handoff_at` names it), so a retried job writes nothing twice. A table of its own,
 * not a conversations column, because conversation rows leave through customer-facing exits
 * (write_message answers `to_jsonb(c)`, seed 000's and 003's presenters): a private summary
 * that is not on the row cannot leak through any of them.
 */
export const handoffSummaries = pgTable(
  'handoff_summaries',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The conversation's `handoff_at` this summary was written for. */
    handoffAt: tstz().notNull(),
    text: text().notNull(),
    model: text().notNull(),
    ...timestamps,
  },
  (t) => [unique('handoff_summaries_one_per_handoff').on(t.conversationId, t.handoffAt)],
);

export type HandoffSummary = typeof handoffSummaries.$inferSelect;
