import type { Expectation } from '../../../../../../../shared/bot-test-expectations';
import type { RouterOutputs } from '../../../../../lib/trpc';

/*
 * A bot test case as the Tests tab edits it. The server stores script and expectations as
 * jsonb (its zod schema is server/services/bot-tests/definitions.ts, which the console may not
 * import): these types mirror it, and the server's own messages say what is wrong.
 */

export type TestCase = RouterOutputs['botTests']['list'][number];
export type RunDetail = RouterOutputs['botTests']['runDetail'];
export type RunResult = RunDetail['results'][number];
export type RunSummary = RouterOutputs['botTests']['runs'][number];

export type CustomerTurn = { text: string } | { choice: string };
export type TestScript =
  | { kind: 'scripted'; turns: CustomerTurn[] }
  | { kind: 'simulated'; persona: string; goal: string; maxTurns: number };

export { describeExpectation } from '../../../../../../../shared/bot-test-expectations';
export type { Expectation };
export type ExpectationKind = Expectation['kind'];

export type TranscriptEntry =
  | { turn: number; from: 'customer'; text: string; choice?: string }
  | { turn: number; from: 'bot'; text: string; sources?: { articleUuid: string; title: string }[] }
  | { turn: number; from: 'sandbox'; text: string };

export interface ExpectationNote {
  expectation: Expectation;
  message: string;
}

export const scriptOf = (c: TestCase) => c.script as unknown as TestScript;
export const expectationsOf = (c: TestCase) => c.expectations as unknown as Expectation[];
export const transcriptOf = (r: RunResult) => r.transcript as unknown as TranscriptEntry[];
export const notesOf = (notes: RunResult['failures']) => notes as unknown as ExpectationNote[];

/** An expectation's fields, each a form control; `turn` and friends are optional numbers. */
export interface KindSpec {
  kind: ExpectationKind;
  label: string;
  fields: { key: string; label: string; type: 'text' | 'number' | 'boolean'; optional?: boolean }[];
}

export const EXPECTATION_KINDS: KindSpec[] = [
  {
    kind: 'reply_contains',
    label: 'A reply contains',
    fields: [
      { key: 'text', label: 'Text', type: 'text' },
      { key: 'turn', label: 'On turn (optional)', type: 'number', optional: true },
    ],
  },
  {
    kind: 'reply_not_contains',
    label: 'No reply contains',
    fields: [
      { key: 'text', label: 'Text', type: 'text' },
      { key: 'turn', label: 'On turn (optional)', type: 'number', optional: true },
    ],
  },
  {
    kind: 'variable_equals',
    label: 'A variable has a value',
    fields: [
      { key: 'key', label: 'Variable', type: 'text' },
      { key: 'value', label: 'Value', type: 'text' },
    ],
  },
  {
    kind: 'reached_node',
    label: 'The flow reached a node',
    fields: [{ key: 'nodeId', label: 'Node id', type: 'text' }],
  },
  {
    kind: 'handed_off',
    label: 'Handed off or not',
    fields: [{ key: 'value', label: 'The bot hands off', type: 'boolean' }],
  },
  {
    kind: 'cited_article',
    label: 'An article was cited',
    fields: [{ key: 'article', label: 'Article (slug or id)', type: 'text' }],
  },
  {
    kind: 'max_turns',
    label: 'At most N turns',
    fields: [{ key: 'n', label: 'Turns', type: 'number' }],
  },
  {
    kind: 'judge',
    label: 'Judged by the model',
    fields: [{ key: 'criterion', label: 'Criterion in plain words', type: 'text' }],
  },
];

export const kindSpec = (kind: ExpectationKind) =>
  EXPECTATION_KINDS.find((k) => k.kind === kind) ?? EXPECTATION_KINDS[0]!;

/** A blank expectation of `kind` (a boolean starts false, texts empty for the server to judge). */
export function blankExpectation(kind: ExpectationKind): Expectation {
  const e: Record<string, unknown> = { kind };
  for (const f of kindSpec(kind).fields) {
    if (f.optional) continue;
    e[f.key] = f.type === 'boolean' ? false : f.type === 'number' ? 1 : '';
  }
  return e as unknown as Expectation;
}

/**
 * The script's turns as the form's text, one per line; a pressed button or list row is written
 * `[choice-id]`, as the transcript shows it.
 */
export const turnsToText = (turns: CustomerTurn[]) =>
  turns.map((t) => ('choice' in t ? `[${t.choice}]` : t.text)).join('\n');

export function textToTurns(text: string): CustomerTurn[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const choice = /^\[(.+)\]$/.exec(line);
      return choice ? { choice: choice[1]!.trim() } : { text: line };
    });
}

export const STATUS_LABEL: Record<string, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIP',
};
export const STATUS_BADGE: Record<string, string> = {
  passed: 'badge badge-success',
  failed: 'badge badge-danger',
  error: 'badge badge-danger',
  skipped: 'badge',
};
