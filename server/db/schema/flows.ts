import { index, integer, jsonb, pgTable, unique } from 'drizzle-orm/pg-core';
import type { FlowGraph } from '../../../shared/flow';
import { chatbots } from './chatbots';
import { id, timestamps, tstz } from './columns';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A chatbot's flow (issue 21): the draft an admin edits, and which published version new
 * conversations start on. One per chatbot. The graphs hold an http node's header values sealed
 * (encryptSecret), never in clear, and they are never serialized back.
 */
export const flows = pgTable(
  'flows',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .unique()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    draft: jsonb().$type<FlowGraph>().notNull(),
    /** The version new conversations start on; null: none published (or unpublished). */
    publishedVersionId: integer(),
    ...timestamps,
  },
  (t) => [index('flows_workspace_idx').on(t.workspaceId)],
);

/**
 * A published flow, never changed: a conversation finishes on the version it started on
 * (conversations.flow_version_id), whatever is published after.
 */
export const flowVersions = pgTable(
  'flow_versions',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    flowId: integer()
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per flow. */
    version: integer().notNull(),
    graph: jsonb().$type<FlowGraph>().notNull(),
    publishedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    publishedAt: tstz().notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [unique('flow_versions_flow_version_unique').on(t.flowId, t.version)],
);

export type Flow = typeof flows.$inferSelect;
export type FlowVersion = typeof flowVersions.$inferSelect;
