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

/** A field's name in the catalogue (`botTests:expectations.fields.<label>`). */
export type FieldLabel =
  | 'text'
  | 'turn'
  | 'variable'
  | 'value'
  | 'nodeId'
  | 'handsOff'
  | 'article'
  | 'turns'
  | 'criterion';

/**
 * An expectation's fields, each a form control; `turn` and friends are optional numbers. The
 * kind's name is the catalogue's `botTests:expectations.kinds.<kind>`.
 */
export interface KindSpec {
  kind: ExpectationKind;
  fields: {
    key: string;
    label: FieldLabel;
    type: 'text' | 'number' | 'boolean';
    optional?: boolean;
  }[];
}

export const EXPECTATION_KINDS: KindSpec[] = [
  {
    kind: 'reply_contains',
    fields: [
      { key: 'text', label: 'text', type: 'text' },
      { key: 'turn', label: 'turn', type: 'number', optional: true },
    ],
  },
  {
    kind: 'reply_not_contains',
    fields: [
      { key: 'text', label: 'text', type: 'text' },
      { key: 'turn', label: 'turn', type: 'number', optional: true },
    ],
  },
  {
    kind: 'variable_equals',
    fields: [
      { key: 'key', label: 'variable', type: 'text' },
      { key: 'value', label: 'value', type: 'text' },
    ],
  },
  { kind: 'reached_node', fields: [{ key: 'nodeId', label: 'nodeId', type: 'text' }] },
  { kind: 'handed_off', fields: [{ key: 'value', label: 'handsOff', type: 'boolean' }] },
  { kind: 'cited_article', fields: [{ key: 'article', label: 'article', type: 'text' }] },
  { kind: 'max_turns', fields: [{ key: 'n', label: 'turns', type: 'number' }] },
  { kind: 'judge', fields: [{ key: 'criterion', label: 'criterion', type: 'text' }] },
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

/** A result's statuses; each is named by the catalogue's `botTests:status.<status>`. */
export const STATUSES = ['passed', 'failed', 'error', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];
export const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);
export const STATUS_BADGE: Record<string, string> = {
  passed: 'badge badge-success',
  failed: 'badge badge-danger',
  error: 'badge badge-danger',
  skipped: 'badge',
};
