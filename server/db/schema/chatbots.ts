import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, real, text } from 'drizzle-orm/pg-core';
import type { Locale } from '../../../shared/i18n/locales';
import { id, publicUuid, timestamps, tstz } from './columns';
import { channelEnum } from './enums';
import { workspaces } from './workspaces';

export interface FaqEntry {
  /** Words that, found in a customer's message, select this answer. */
  keywords: string[];
  answer: string;
}

/** Where the widget's bubble sits on the page. */
export const WIDGET_POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

export const chatbots = pgTable(
  'chatbots',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** Identifies the chatbot to the widget; public by design (it sits in page HTML). */
    publicKey: text().notNull().unique(),
    systemPrompt: text().notNull().default(''),
    model: text().notNull().default('gpt-4o-mini'),
    temperature: real().notNull().default(0.3),
    aiEnabled: boolean().notNull().default(true),
    greeting: text(),
    faq: jsonb().$type<FaqEntry[]>().notNull().default([]),
    /** Optional flow graph (nodes the bot walks through); conversations track current_node_id. */
    flow: jsonb(),
    /** Origins allowed to open a widget session; empty = any. */
    allowedOrigins: text().array().notNull().default([]),
    /** Widget session tokens issued before this time are refused (the widget opens a new one). */
    widgetSessionsAfter: tstz().notNull().defaultNow(),
    /** The widget's look, public like the key (GET /widget/config): accent colour as #rrggbb. */
    widgetColor: text().notNull().default('#2563eb'),
    widgetTitle: text().notNull().default('Chat with us'),
    widgetPosition: text().$type<WidgetPosition>().notNull().default('bottom-right'),
    /** Whether an ended conversation asks its customer for a 1-5 rating (docs/dashboard.md, CSAT). */
    csatEnabled: boolean().notNull().default(true),
    /** The language of what the system itself says to customers (shared/i18n/customer-messages.ts). */
    language: text().$type<Locale>().notNull().default('en'),
    ...timestamps,
  },
  (t) => [
    index('chatbots_workspace_idx').on(t.workspaceId, t.id),
    check('chatbots_language_check', sql`${t.language} in ('en', 'pt-BR', 'es')`),
  ],
);

export const integrations = pgTable(
  'integrations',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channel: channelEnum().notNull(),
    name: text().notNull(),
    phoneNumber: text(),
    defaultChatbotId: integer().references(() => chatbots.id, { onDelete: 'set null' }),
    /** Non-secret settings (phone number id, bridge kind and URL, rate limit). */
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** AES-256-GCM ciphertext of the credentials JSON; never serialized. */
    credentialsEncrypted: text(),
    enabled: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [index('integrations_workspace_idx').on(t.workspaceId, t.id)],
);

export type Chatbot = typeof chatbots.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
