import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { tstz } from './columns';
import { conversations } from './conversations';
import { messages } from './messages';
import { workspaces } from './workspaces';

/**
 * The bot's turn in a conversation: the customer messages it has yet to answer, waiting for a
 * model slot or being answered by one worker (server/jobs/bot-turns/). One row per
 * conversation, so a conversation's replies come one after another; deleted in the transaction
 * that saves the reply. A model call holds no job slot and no connection: this row is what
 * survives the worker (`owner` beats in worker_heartbeats; a dead owner's turn waits again).
 */
export const botTurns = pgTable(
  'bot_turns',
  {
    conversationId: integer()
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    /** The newest customer message of the turn: the reply answers it and every one before. */
    messageId: integer()
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** Moves on with each message that joins: a reply generated for an older one is stale. */
    generation: integer().notNull().default(1),
    state: text({ enum: ['waiting', 'running'] })
      .notNull()
      .default('waiting'),
    /** The dispatcher running it (an id in worker_heartbeats), while running. */
    owner: text(),
    /** The model provider it holds a place on, while running (the limits count these). */
    provider: text(),
    /** Model calls begun for it: a worker that died mid-call counts as one. */
    attempts: integer().notNull().default(0),
    /** A failed or rate-limited call waits until then. */
    runAfter: tstz().notNull().defaultNow(),
    /** When its first message came: the queue's age. */
    openedAt: tstz().notNull().defaultNow(),
    startedAt: tstz(),
  },
  (t) => [
    check('bot_turns_state_check', sql`${t.state} in ('waiting', 'running')`),
    index('bot_turns_waiting_idx').on(t.openedAt).where(sql`${t.state} = 'waiting'`),
  ],
);

export type BotTurn = typeof botTurns.$inferSelect;
