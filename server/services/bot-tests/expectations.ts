import { fold } from '../flows/inputs';
import type { Expectation, ExpectationNote } from './definitions';
import type { SandboxOutcome } from './sandbox';

/*
 * A case's expectations checked against what happened in the sandbox. Text is compared as the
 * flow engine compares typed answers (fold: no case, no accents), so "cardapio" finds
 * "Cardápio". A judged expectation needs a model: the caller judges it (simulated-customer.ts)
 * or reports it skipped; this file never passes it.
 */

/** What the checks need besides the outcome: the cited articles' slugs and uuids, read once. */
export interface CheckContext {
  /** Every id (uuid and slug) of each article a reply drew on, by the article's uuid. */
  citedIds: Set<string>;
}

const quote = (s: string) => `'${s}'`;

function repliesOn(outcome: SandboxOutcome, turn: number | undefined): string[] {
  return turn === undefined ? outcome.replies.flat() : (outcome.replies[turn - 1] ?? []);
}

/** The message of a failing expectation, or null when it holds; judge: never checked here. */
export function check(e: Expectation, outcome: SandboxOutcome, ctx: CheckContext): string | null {
  switch (e.kind) {
    case 'reply_contains': {
      if (e.turn !== undefined && e.turn > outcome.turns)
        return `turn ${e.turn}: the bot did not answer it (the conversation had ${outcome.turns} turns)`;
      const found = repliesOn(outcome, e.turn).some((r) => fold(r).includes(fold(e.text)));
      if (found) return null;
      return e.turn
        ? `turn ${e.turn}: the reply does not contain ${quote(e.text)}`
        : `no reply contains ${quote(e.text)}`;
    }
    case 'reply_not_contains': {
      const found = repliesOn(outcome, e.turn).find((r) => fold(r).includes(fold(e.text)));
      if (found === undefined) return null;
      return `${e.turn ? `turn ${e.turn}: the reply` : 'a reply'} contains ${quote(e.text)}: ${quote(found)}`;
    }
    case 'variable_equals': {
      const actual = outcome.variables[e.key];
      if (actual === e.value) return null;
      return actual === undefined
        ? `variable ${e.key} was never set, expected ${quote(e.value)}`
        : `variable ${e.key} is ${quote(actual)}, expected ${quote(e.value)}`;
    }
    case 'reached_node':
      if (outcome.nodes.includes(e.nodeId)) return null;
      return `the flow never reached node ${e.nodeId} (it stopped at: ${outcome.nodes.join(', ') || 'no node'})`;
    case 'handed_off':
      if (!!outcome.handoff === e.value) return null;
      return e.value
        ? 'the bot did not hand off'
        : `the bot handed off: ${outcome.handoff?.reason ?? ''}`;
    case 'cited_article':
      if (ctx.citedIds.has(e.article)) return null;
      return outcome.sources.length
        ? `article ${e.article} was not cited (cited: ${outcome.sources.map((s) => s.title).join(', ')})`
        : `article ${e.article} was not cited (no reply cited an article)`;
    case 'max_turns':
      if (outcome.turns <= e.n) return null;
      return `the conversation took ${outcome.turns} turns, at most ${e.n} expected`;
    case 'judge':
      return null;
  }
}

/** The expectations that failed (judge aside), each with its message. */
export function failingExpectations(
  expectations: Expectation[],
  outcome: SandboxOutcome,
  ctx: CheckContext,
): ExpectationNote[] {
  const failures: ExpectationNote[] = [];
  for (const expectation of expectations) {
    const message = check(expectation, outcome, ctx);
    if (message) failures.push({ expectation, message });
  }
  return failures;
}
