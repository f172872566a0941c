import { boolean, integer, pgTable, unique } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns';
import { tags } from './crm';
import { assignmentStrategyEnum } from './enums';
import { users } from './users';
import { workspaces } from './workspaces';

export const assignmentPolicies = pgTable('assignment_policies', {
  id: id(),
  workspaceId: integer()
    .notNull()
    .unique()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull().default(true),
  strategy: assignmentStrategyEnum().notNull().default('least_loaded'),
  onlineOnly: boolean().notNull().default(true),
  /** Capacity for agents without their own; null = unlimited. */
  defaultCapacity: integer(),
  intervalMinutes: integer().notNull().default(1),
  /** Round-robin rotation: the agent who received the last assignment. */
  lastAssignedUserId: integer().references(() => users.id, { onDelete: 'set null' }),
  lastRunAt: tstz(),
  ...timestamps,
});

/** Tag routing: conversations whose contact carries the tag go only to these agents. */
export const assignmentTagRoutes = pgTable(
  'assignment_tag_routes',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    tagId: integer()
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [unique('assignment_tag_routes_unique').on(t.tagId, t.userId)],
);

export type AssignmentPolicy = typeof assignmentPolicies.$inferSelect;
