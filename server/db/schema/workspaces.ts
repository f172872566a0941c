import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps } from './columns';

export const workspaces = pgTable('workspaces', {
  id: id(),
  uuid: publicUuid(),
  name: text().notNull(),
  /** Conversations idle longer than this are ended by the idle cron. */
  idleTimeoutMinutes: integer().notNull().default(1440),
  ...timestamps,
});

export type Workspace = typeof workspaces.$inferSelect;
