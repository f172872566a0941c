import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { id, timestamps, tstz } from './columns';
import { conversations } from './conversations';
import { channelEnum } from './enums';
import { messages } from './messages';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * One customer satisfaction survey per ended conversation (docs/dashboard.md, CSAT): the row
 * is the asking (rating null until the customer answers), written by ask_csat_on_end in the
 * transaction that ends the conversation. `user_id` is the agent assigned at the end, whom the
 * rating is counted for.
 */
export const csatResponses = pgTable(
  'csat_responses',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: integer()
      .notNull()
      .unique()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    chatbotId: integer().references(() => chatbots.id, { onDelete: 'set null' }),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    channel: channelEnum(),
    rating: smallint(),
    comment: text(),
    /** The WhatsApp list that asked (null on the widget, which asks inline). */
    promptMessageId: integer().references(() => messages.id, { onDelete: 'set null' }),
    askedAt: tstz().notNull().defaultNow(),
    answeredAt: tstz(),
    ...timestamps,
  },
  (t) => [
    index('csat_responses_workspace_answered_idx').on(t.workspaceId, t.answeredAt),
    check('csat_responses_rating_check', sql`${t.rating} between 1 and 5`),
    check('csat_responses_comment_check', sql`char_length(${t.comment}) <= 1000`),
  ],
);

export type CsatResponse = typeof csatResponses.$inferSelect;
