import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps } from './columns';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A reply an agent inserts by its shortcut (`/` in the composer, issue 22): shared by the
 * workspace (owner null; supervisors and admins write them) or an agent's own. Placeholders
 * such as `{{contact.name}}` stay in the body and are filled when inserted. A shortcut is unique
 * among the workspace's shared ones and among each agent's own, whatever its case.
 */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The agent it belongs to; null: shared by the workspace. */
    ownerUserId: integer().references(() => users.id, { onDelete: 'cascade' }),
    shortcut: varchar({ length: 50 }).notNull(),
    title: varchar({ length: 200 }).notNull(),
    body: text().notNull(),
    createdByUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('canned_responses_shared_shortcut')
      .on(t.workspaceId, sql`lower(${t.shortcut})`)
      .where(sql`${t.ownerUserId} is null`),
    uniqueIndex('canned_responses_personal_shortcut')
      .on(t.workspaceId, t.ownerUserId, sql`lower(${t.shortcut})`)
      .where(sql`${t.ownerUserId} is not null`),
    index('canned_responses_workspace_idx').on(t.workspaceId, t.ownerUserId),
  ],
);

export type CannedResponse = typeof cannedResponses.$inferSelect;
