import { bigint, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { workspaces } from './workspaces';

/** Append-only outbox feeding realtime; ids are the resume points of subscriptions. */
export const events = pgTable(
  'events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    conversationId: integer(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    index('events_workspace_idx').on(t.workspaceId, t.id),
    index('events_conversation_idx').on(t.conversationId, t.id),
  ],
);

export type EventRow = typeof events.$inferSelect;
