import type { BotTestCase } from '../../db/schema';
import type { RunDetail, RunDiff, RunResult, RunRow } from '../../services/bot-tests/runs';

/*
 * A chatbot's test cases and runs as the console's Tests tab reads them: uuids as ids (as for
 * chatbots), dates as ISO text. A transcript carries the sandbox's words and the bot's replies,
 * never a secret (an HTTP node's headers are not in it).
 */

export const presentCase = (c: BotTestCase) => ({
  id: c.uuid,
  name: c.name,
  script: c.script,
  expectations: c.expectations,
  allowHttp: c.allowHttp,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const presentRun = (r: RunRow) => ({
  id: r.uuid,
  source: r.source,
  /** Who started it from the console; null from the command line. */
  startedBy: r.startedByName,
  draft: r.draft,
  passed: r.passed,
  failed: r.failed,
  errored: r.errored,
  skipped: r.skipped,
  durationMs: r.durationMs,
  createdAt: r.createdAt.toISOString(),
});

const presentResult = (r: RunResult) => ({
  caseId: r.caseUuid,
  caseName: r.caseName,
  status: r.status,
  transcript: r.transcript,
  failures: r.failures,
  skips: r.skips,
  error: r.error,
  durationMs: r.durationMs,
});

const presentDiff = (d: RunDiff) => ({
  newlyFailing: d.newlyFailing.map((e) => ({ caseId: e.caseUuid, caseName: e.caseName })),
  newlyPassing: d.newlyPassing.map((e) => ({ caseId: e.caseUuid, caseName: e.caseName })),
  hasPrevious: d.previousRunId !== null,
});

export const presentRunDetail = (d: RunDetail) => ({
  ...presentRun(d.run),
  results: d.results.map(presentResult),
  diff: presentDiff(d.diff),
});
