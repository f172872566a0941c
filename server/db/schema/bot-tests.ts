import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { id, publicUuid, timestamps } from './columns';
import { users } from './users';
import { workspaces } from './workspaces';

/*
 * A chatbot's test suite (issue 21): cases (a customer's script and expectations), runs of the
 * suite against the chatbot's draft, each case's result in a run, and whether publishing the
 * chatbot's flow requires the suite to pass. The jsonb shapes are parsed by
 * server/services/bot-tests/definitions.ts; they are declared loosely here so the database
 * layer imports nothing above it.
 */

export const botTestCases = pgTable(
  'bot_test_cases',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** `{kind: 'scripted', turns}` or `{kind: 'simulated', persona, goal, maxTurns}`. */
    script: jsonb().$type<Record<string, unknown>>().notNull(),
    expectations: jsonb().$type<Record<string, unknown>[]>().notNull(),
    /** HTTP nodes and custom tools call their real endpoints only when this is on. */
    allowHttp: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [index('bot_test_cases_chatbot_idx').on(t.workspaceId, t.chatbotId, t.id)],
);

/** What a run ran against: the draft's fingerprint, so two runs can be told apart. */
export interface BotTestRunDraft {
  /** The flow draft's last save, if the chatbot has a flow. */
  flowUpdatedAt: string | null;
  model: string;
  aiEnabled: boolean;
  /** sha256 of the prompt, model, greeting and flow draft: equal drafts, equal fingerprints. */
  fingerprint: string;
}

export const botTestRuns = pgTable(
  'bot_test_runs',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    /** Null: run from the command line. */
    startedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    source: text().$type<'console' | 'cli'>().notNull(),
    draft: jsonb().$type<BotTestRunDraft>().notNull(),
    passed: integer().notNull(),
    failed: integer().notNull(),
    errored: integer().notNull(),
    skipped: integer().notNull(),
    durationMs: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    index('bot_test_runs_chatbot_idx').on(t.workspaceId, t.chatbotId, t.id.desc()),
    check('bot_test_runs_source_check', sql`${t.source} in ('console', 'cli')`),
  ],
);

export const botTestResults = pgTable(
  'bot_test_results',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    runId: integer()
      .notNull()
      .references(() => botTestRuns.id, { onDelete: 'cascade' }),
    /** Null once the case is deleted; its name stays for the history. */
    caseId: integer().references(() => botTestCases.id, { onDelete: 'set null' }),
    caseName: text().notNull(),
    status: text().$type<'passed' | 'failed' | 'error' | 'skipped'>().notNull(),
    transcript: jsonb().$type<Record<string, unknown>[]>().notNull(),
    /** `{expectation, message}` of each expectation that did not hold. */
    failures: jsonb().$type<Record<string, unknown>[]>().notNull(),
    /** `{expectation, message}` of each expectation that could not be judged (no model). */
    skips: jsonb().$type<Record<string, unknown>[]>().notNull(),
    /** Why the case could not run (status error or skipped). */
    error: text(),
    durationMs: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    index('bot_test_results_run_idx').on(t.runId, t.id),
    index('bot_test_results_case_idx').on(t.caseId),
    check(
      'bot_test_results_status_check',
      sql`${t.status} in ('passed', 'failed', 'error', 'skipped')`,
    ),
  ],
);

/** Per-chatbot settings of its suite; no row: the defaults. */
export const botTestSettings = pgTable('bot_test_settings', {
  id: id(),
  workspaceId: integer()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  chatbotId: integer()
    .notNull()
    .unique()
    .references(() => chatbots.id, { onDelete: 'cascade' }),
  /** Publishing the chatbot's flow runs the suite first and is refused if a case fails. */
  requireTestsToPublish: boolean().notNull().default(false),
  ...timestamps,
});

export type BotTestCase = typeof botTestCases.$inferSelect;
export type BotTestRun = typeof botTestRuns.$inferSelect;
export type BotTestResult = typeof botTestResults.$inferSelect;
