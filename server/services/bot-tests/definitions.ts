import { z } from 'zod';
import {
  describeExpectation,
  type Expectation as SharedExpectation,
} from '../../../shared/bot-test-expectations';

/*
 * What a bot test case is made of (issue 21): a customer's script and the expectations its
 * conversation with the chatbot's draft must meet. The same schemas parse the console's input,
 * the stored jsonb and a case made from a real conversation.
 */

const Text = z.string().trim().min(1).max(4096);

/** One customer turn: typed text, or a pressed button / list row (the choice's id). */
export const CustomerTurn = z.union([
  z.object({ text: Text }).strict(),
  z.object({ choice: z.string().trim().min(1).max(200) }).strict(),
]);
export type CustomerTurn = z.infer<typeof CustomerTurn>;

/** A scripted customer, or (with a model configured) one the model plays, bounded in turns. */
export const TestScript = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scripted'), turns: z.array(CustomerTurn).min(1).max(50) }),
  z.object({
    kind: z.literal('simulated'),
    persona: z.string().trim().min(1).max(2000),
    goal: z.string().trim().min(1).max(2000),
    maxTurns: z.number().int().min(1).max(20),
  }),
]);
export type TestScript = z.infer<typeof TestScript>;

/** A reply's turn: 1 is the bot's answer to the customer's first turn. */
const TurnNumber = z.number().int().min(1).max(50);

export const Expectation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply_contains'), text: Text, turn: TurnNumber.optional() }),
  z.object({ kind: z.literal('reply_not_contains'), text: Text, turn: TurnNumber.optional() }),
  z.object({
    kind: z.literal('variable_equals'),
    key: z.string().trim().min(1).max(100),
    value: z.string().max(4096),
  }),
  z.object({ kind: z.literal('reached_node'), nodeId: z.string().trim().min(1).max(64) }),
  z.object({ kind: z.literal('handed_off'), value: z.boolean() }),
  /** An article's slug or uuid: some reply drew on it. */
  z.object({ kind: z.literal('cited_article'), article: z.string().trim().min(1).max(200) }),
  /** The conversation was over (handoff, end, or the script done) within n customer turns. */
  z.object({ kind: z.literal('max_turns'), n: z.number().int().min(1).max(50) }),
  /** Plain words a model judges the transcript by; skipped without a model. */
  z.object({ kind: z.literal('judge'), criterion: z.string().trim().min(1).max(2000) }),
]);
export type Expectation = z.infer<typeof Expectation>;
// The zod schema and the shared type are one shape: each direction is checked here.
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShape: SameShape<Expectation, SharedExpectation> = true;
void sameShape;

export { describeExpectation };

const caseFields = {
  name: z.string().trim().min(1).max(200),
  script: TestScript,
  expectations: z.array(Expectation).min(1).max(50),
  allowHttp: z.boolean(),
};

export const CreateCaseInput = z.object({
  ...caseFields,
  allowHttp: caseFields.allowHttp.default(false),
});
export type CreateCaseInput = z.input<typeof CreateCaseInput>;
export const UpdateCaseInput = z.object(caseFields).partial();
export type UpdateCaseInput = z.input<typeof UpdateCaseInput>;

export const RESULT_STATUSES = ['passed', 'failed', 'error', 'skipped'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** One line of a case's transcript, as the console shows it. */
export type TranscriptEntry =
  | { turn: number; from: 'customer'; text: string; choice?: string }
  | {
      turn: number;
      from: 'bot';
      type: 'text' | 'interactive' | 'media';
      text: string;
      content: Record<string, unknown>;
      /** Articles the reply drew on. */
      sources?: { articleUuid: string; title: string }[];
    }
  /** What the sandbox did instead of the real thing (an HTTP call not made, a handoff). */
  | { turn: number; from: 'sandbox'; text: string };

/** An expectation that did not hold, or could not be judged, and why in words. */
export interface ExpectationNote {
  expectation: Expectation;
  message: string;
}
