import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type BotTestCase, type BotTestRunDraft, knowledgeArticles } from '../../db/schema';
import {
  Expectation,
  type ExpectationNote,
  type ResultStatus,
  TestScript,
  type TranscriptEntry,
} from './definitions';
import { failingExpectations } from './expectations';
import { type DraftBot, SandboxConversation, type SandboxOutcome } from './sandbox';
import { judge, modelConfigured, nextCustomerTurn } from './simulated-customer';

/*
 * Runs test cases in the sandbox (sandbox.ts) and checks their expectations. Nothing here
 * writes: a case's result is a value; storing a run is runs.ts's.
 */

export interface CaseResult {
  caseId: number;
  caseName: string;
  status: ResultStatus;
  transcript: TranscriptEntry[];
  failures: ExpectationNote[];
  skips: ExpectationNote[];
  error: string | null;
  durationMs: number;
}

export interface SuiteResult {
  draft: BotTestRunDraft;
  results: CaseResult[];
  durationMs: number;
}

const NO_MODEL = 'no model is configured (OPENAI_API_KEY)';

/** Every id of each cited article (uuid and slug), for cited_article expectations. */
async function citedIds(outcome: SandboxOutcome, workspaceId: number, tx: DbOrTx) {
  const ids = new Set<string>();
  const uuids = outcome.sources.map((s) => s.articleUuid);
  if (!uuids.length) return ids;
  const rows = await tx
    .select({ uuid: knowledgeArticles.uuid, slug: knowledgeArticles.slug })
    .from(knowledgeArticles)
    .where(
      and(eq(knowledgeArticles.workspaceId, workspaceId), inArray(knowledgeArticles.uuid, uuids)),
    );
  for (const u of uuids) ids.add(u);
  for (const r of rows) ids.add(r.slug);
  return ids;
}

async function converse(
  bot: DraftBot,
  script: TestScript,
  conversation: SandboxConversation,
  signal?: AbortSignal,
) {
  if (script.kind === 'scripted') {
    for (const turn of script.turns) await conversation.say(turn, signal);
    return;
  }
  for (let i = 0; i < script.maxTurns && conversation.open; i++) {
    const next = await nextCustomerTurn(script, conversation.turns, bot.chatbot.model, signal);
    if (!next) return;
    await conversation.say(next, signal);
  }
}

/** One case against the draft; an exception is the case's error, not the run's. */
export async function runCase(
  bot: DraftBot,
  testCase: BotTestCase,
  tx: DbOrTx,
  signal?: AbortSignal,
): Promise<CaseResult> {
  const started = performance.now();
  const result = (
    status: ResultStatus,
    rest: Partial<Pick<CaseResult, 'transcript' | 'failures' | 'skips' | 'error'>>,
  ): CaseResult => ({
    caseId: testCase.id,
    caseName: testCase.name,
    status,
    transcript: rest.transcript ?? [],
    failures: rest.failures ?? [],
    skips: rest.skips ?? [],
    error: rest.error ?? null,
    durationMs: Math.round(performance.now() - started),
  });
  const script = TestScript.safeParse(testCase.script);
  const expectations = Expectation.array().safeParse(testCase.expectations);
  if (!script.success || !expectations.success)
    return result('error', { error: 'The stored case is not a valid test case' });
  const model = modelConfigured();
  if (script.data.kind === 'simulated' && !model)
    return result('skipped', {
      error: `Simulated customer not run: ${NO_MODEL}`,
      skips: expectations.data.map((expectation) => ({ expectation, message: NO_MODEL })),
    });
  const conversation = new SandboxConversation(bot, testCase.allowHttp, tx);
  try {
    await converse(bot, script.data, conversation, signal);
    const { outcome } = conversation;
    const ctx = { citedIds: await citedIds(outcome, bot.chatbot.workspaceId, tx) };
    const failures = failingExpectations(expectations.data, outcome, ctx);
    const skips: ExpectationNote[] = [];
    for (const e of expectations.data) {
      if (e.kind !== 'judge') continue;
      if (!model) {
        skips.push({ expectation: e, message: `not judged: ${NO_MODEL}` });
        continue;
      }
      const verdict = await judge(e.criterion, outcome.transcript, bot.chatbot.model, signal);
      if (!verdict.pass)
        failures.push({ expectation: e, message: `the judge says no: ${verdict.reason}` });
    }
    return result(failures.length ? 'failed' : 'passed', {
      transcript: outcome.transcript,
      failures,
      skips,
    });
  } catch (err) {
    return result('error', {
      transcript: conversation.outcome.transcript,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

/**
 * Cases run in turn: a suite of scripted cases costs milliseconds each (no model), and cases
 * with a model would otherwise take many of the provider's places at once.
 */
export async function runCases(
  bot: DraftBot,
  cases: BotTestCase[],
  tx: DbOrTx,
  signal?: AbortSignal,
): Promise<SuiteResult> {
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(bot, c, tx, signal));
  return { draft: bot.draft, results, durationMs: Math.round(performance.now() - started) };
}
