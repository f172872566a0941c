import { integer, pgTable } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * An admin who closed the first-start checklist (services/checklist.ts): per user, so a
 * colleague who has not seen it yet still does. Deleting the user deletes the row.
 */
export const setupChecklistDismissals = pgTable('setup_checklist_dismissals', {
  id: id(),
  workspaceId: integer()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: integer()
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  ...timestamps,
});
