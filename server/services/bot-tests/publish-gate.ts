import type { Actor } from '../../auth/actor';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { chatbotById, settingsOf } from './cases';
import { runSuiteOf } from './runs';

/**
 * Publishing a flow can require the chatbot's suite to pass (issue 21): when the chatbot's
 * `requireTestsToPublish` is on, the whole suite runs against the draft, before the publish's
 * transaction (the publish then refuses a draft changed meanwhile), and a failing or
 * erroring case refuses the publish with a BAD_REQUEST naming each. A suite with no case refuses
 * too: requiring tests that do not exist is a mistake to say, not a pass. Skipped cases (they
 * need a model that is not configured) do not refuse. Off: returns at once, nothing runs. The
 * gate's run is not stored in the history: the history is of the runs people asked for.
 */
export async function assertSuitePasses(
  actor: Actor,
  chatbotId: number,
  tx: DbOrTx,
): Promise<void> {
  if (!(await settingsOf(chatbotId, tx)).requireTestsToPublish) return;
  const chatbot = await chatbotById(actor.workspaceId, chatbotId, tx);
  const suite = await runSuiteOf(chatbot, undefined, tx);
  if (!suite.results.length)
    throw new AppError(
      'BAD_REQUEST',
      'Publishing requires the test suite to pass, and this chatbot has no test case',
    );
  const failing = suite.results.filter((r) => r.status === 'failed' || r.status === 'error');
  if (!failing.length) return;
  const lines = failing.map(
    (r) =>
      `${r.caseName}: ${r.status === 'error' ? (r.error ?? 'error') : r.failures.map((f) => f.message).join('; ')}`,
  );
  throw new AppError(
    'BAD_REQUEST',
    `Publishing requires the test suite to pass; ${failing.length} of ${suite.results.length} cases fail: ${lines.join(' | ')}`,
    failing.map((r) => ({ field: r.caseName, message: r.failures[0]?.message ?? r.error ?? '' })),
  );
}
