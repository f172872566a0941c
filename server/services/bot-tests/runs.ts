import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import {
  type BotTestResult,
  type BotTestRun,
  botTestCases,
  botTestResults,
  botTestRuns,
  type Chatbot,
  users,
} from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findChatbot } from '../chatbots';
import { parseRef } from '../ids';
import { casesOf } from './cases';
import { runCases, type SuiteResult } from './runner';
import { loadDraft } from './sandbox';

/*
 * Runs of a chatbot's suite, kept as its history: each run's counts, what it ran against, and
 * every case's result; a run read back carries its difference from the previous run of the same
 * chatbot (cases newly failing, newly passing).
 */

/** How many runs the history lists. */
export const RUN_HISTORY = 50;

export interface DiffEntry {
  caseId: number;
  caseUuid: string | null;
  caseName: string;
}

export interface RunDiff {
  /** Passed in the previous run, failed or errored in this one (by case id). */
  newlyFailing: DiffEntry[];
  /** Failed or errored in the previous run, passed in this one. */
  newlyPassing: DiffEntry[];
  previousRunId: number | null;
}

/** A case's result, with the case's uuid (null once the case is deleted). */
export type RunResult = BotTestResult & { caseUuid: string | null };

/** A run with the name of who started it (null: the command line, or a deleted user). */
export type RunRow = BotTestRun & { startedByName: string | null };

export interface RunDetail {
  run: RunRow;
  results: RunResult[];
  diff: RunDiff;
}

/** The suite (or `caseIds` of it) against the chatbot's draft, not stored: the publish gate's. */
export async function runSuiteOf(
  chatbot: Chatbot,
  caseRefs: (string | number)[] | undefined,
  tx: DbOrTx,
): Promise<SuiteResult> {
  const refs = caseRefs?.map((r) => parseRef(r, 'Test case'));
  const [bot, cases] = await Promise.all([
    loadDraft(chatbot, tx),
    casesOf(chatbot.id, chatbot.workspaceId, refs, tx),
  ]);
  // A case of another chatbot or workspace is not this suite's: not found, as a wrong id.
  if (refs && cases.length !== new Set(caseRefs!.map(String)).size) throw notFound('Test case');
  return runCases(bot, cases, tx);
}

/**
 * Runs the suite and stores the run and its results in one transaction. `actor` null: the
 * command line, which names the chatbot by id and has no user.
 */
export async function runAndStore(
  workspaceId: number,
  chatbot: Chatbot,
  options: { caseIds?: (string | number)[]; source: 'console' | 'cli'; startedBy: number | null },
  tx: DbOrTx = db,
): Promise<RunDetail> {
  const suite = await runSuiteOf(chatbot, options.caseIds, tx);
  const count = (s: string) => suite.results.filter((r) => r.status === s).length;
  const runId = await tx.transaction(async (t) => {
    const [run] = await t
      .insert(botTestRuns)
      .values({
        workspaceId,
        chatbotId: chatbot.id,
        startedBy: options.startedBy,
        source: options.source,
        draft: suite.draft,
        passed: count('passed'),
        failed: count('failed'),
        errored: count('error'),
        skipped: count('skipped'),
        durationMs: suite.durationMs,
      })
      .returning({ id: botTestRuns.id });
    if (suite.results.length)
      await t.insert(botTestResults).values(
        suite.results.map((r) => ({
          workspaceId,
          runId: run!.id,
          caseId: r.caseId,
          caseName: r.caseName,
          status: r.status,
          transcript: r.transcript as unknown as Record<string, unknown>[],
          failures: r.failures as unknown as Record<string, unknown>[],
          skips: r.skips as unknown as Record<string, unknown>[],
          error: r.error,
          durationMs: r.durationMs,
        })),
      );
    return run!.id;
  });
  return detailOf(workspaceId, runId, tx);
}

export async function runSuite(
  actor: Actor,
  chatbotRef: string | number,
  caseIds: (string | number)[] | undefined,
  tx: DbOrTx = db,
): Promise<RunDetail> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return runAndStore(
    actor.workspaceId,
    chatbot,
    { caseIds, source: 'console', startedBy: actor.userId },
    tx,
  );
}

/** The chatbot's newest runs, newest first. */
export async function listRuns(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<RunRow[]> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  const rows = await tx
    .select({ run: botTestRuns, startedByName: users.name })
    .from(botTestRuns)
    .leftJoin(users, eq(users.id, botTestRuns.startedBy))
    .where(
      and(eq(botTestRuns.chatbotId, chatbot.id), eq(botTestRuns.workspaceId, actor.workspaceId)),
    )
    .orderBy(desc(botTestRuns.id))
    .limit(RUN_HISTORY);
  return rows.map((r) => ({ ...r.run, startedByName: r.startedByName }));
}

export async function getRun(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<RunDetail> {
  const parsed = parseRef(ref, 'Test run');
  const [row] = await tx
    .select({ id: botTestRuns.id })
    .from(botTestRuns)
    .where(
      and(
        'id' in parsed ? eq(botTestRuns.id, parsed.id) : eq(botTestRuns.uuid, parsed.uuid),
        eq(botTestRuns.workspaceId, actor.workspaceId),
      ),
    );
  if (!row) throw notFound('Test run');
  return detailOf(actor.workspaceId, row.id, tx);
}

const failing = (status: string) => status === 'failed' || status === 'error';

async function resultsOf(runId: number, tx: DbOrTx): Promise<RunResult[]> {
  const rows = await tx
    .select({ result: botTestResults, caseUuid: botTestCases.uuid })
    .from(botTestResults)
    .leftJoin(botTestCases, eq(botTestCases.id, botTestResults.caseId))
    .where(eq(botTestResults.runId, runId))
    .orderBy(asc(botTestResults.id));
  return rows.map((r) => ({ ...r.result, caseUuid: r.caseUuid }));
}

async function detailOf(workspaceId: number, runId: number, tx: DbOrTx): Promise<RunDetail> {
  const [row] = await tx
    .select({ run: botTestRuns, startedByName: users.name })
    .from(botTestRuns)
    .leftJoin(users, eq(users.id, botTestRuns.startedBy))
    .where(and(eq(botTestRuns.id, runId), eq(botTestRuns.workspaceId, workspaceId)));
  if (!row) throw new AppError('NOT_FOUND', 'Test run not found');
  const run: RunRow = { ...row.run, startedByName: row.startedByName };
  const [previous] = await tx
    .select({ id: botTestRuns.id })
    .from(botTestRuns)
    .where(and(eq(botTestRuns.chatbotId, run.chatbotId), lt(botTestRuns.id, run.id)))
    .orderBy(desc(botTestRuns.id))
    .limit(1);
  const results = await resultsOf(run.id, tx);
  const diff: RunDiff = { newlyFailing: [], newlyPassing: [], previousRunId: previous?.id ?? null };
  if (previous) {
    const ids = results.map((r) => r.caseId).filter((id): id is number => id !== null);
    const before = ids.length
      ? await tx
          .select({ caseId: botTestResults.caseId, status: botTestResults.status })
          .from(botTestResults)
          .where(and(eq(botTestResults.runId, previous.id), inArray(botTestResults.caseId, ids)))
      : [];
    const then = new Map(before.map((b) => [b.caseId, b.status]));
    for (const r of results) {
      const was = r.caseId === null ? undefined : then.get(r.caseId);
      if (was === undefined) continue;
      const entry = { caseId: r.caseId!, caseUuid: r.caseUuid, caseName: r.caseName };
      if (was === 'passed' && failing(r.status)) diff.newlyFailing.push(entry);
      else if (failing(was) && r.status === 'passed') diff.newlyPassing.push(entry);
    }
  }
  return { run, results, diff };
}
