import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { id, publicUuid, timestamps } from './columns';
import { workspaces } from './workspaces';

export const TOOL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ToolMethod = (typeof TOOL_METHODS)[number];

/** A header the tool sends: its name in clear (the console lists it), its value sealed. */
export interface SealedHeader {
  name: string;
  /** encryptSecret's output; decrypted only to make the request, never serialized. */
  sealed: string;
}

/**
 * An HTTP API an admin lets one chatbot call as a model tool (issue 20, Tools): the model sees
 * its name, description and parameters; services/bot-tools runs it through the network guard.
 */
export const chatbotTools = pgTable(
  'chatbot_tools',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    /** The function name the model calls: unique per chatbot, never a built-in tool's. */
    name: text().notNull(),
    description: text().notNull(),
    /** A JSON Schema of an object: the arguments the model must give. */
    parameters: jsonb().$type<Record<string, unknown>>().notNull(),
    method: text({ enum: TOOL_METHODS }).notNull().default('GET'),
    /** `https://api.example.com/orders/{orderId}`: each {param} is replaced URL-encoded. */
    urlTemplate: text().notNull(),
    headers: jsonb().$type<SealedHeader[]>().notNull().default([]),
    timeoutMs: integer().notNull().default(5000),
    /** Dot paths of the response the model sees; empty: the whole JSON, truncated. */
    responseFields: text().array().notNull().default([]),
    enabled: boolean().notNull().default(true),
    /** Hostnames allowed although they resolve to private, loopback or link-local addresses. */
    allowedHosts: text().array().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    unique('chatbot_tools_name_unique').on(t.chatbotId, t.name),
    index('chatbot_tools_workspace_idx').on(t.workspaceId, t.id),
    check('chatbot_tools_name_check', sql`${t.name} ~ '^[a-z][a-z0-9_]{0,63}$'`),
    check('chatbot_tools_timeout_check', sql`${t.timeoutMs} between 100 and 15000`),
  ],
);

export type ChatbotTool = typeof chatbotTools.$inferSelect;
