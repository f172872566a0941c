import type { TFunction } from 'i18next';
import type { Expectation } from './case-model';

/*
 * The Tests tab's words for what is made elsewhere in English: an expectation's name (the
 * server's and the CLI's come from shared/bot-test-expectations.ts, which stays English), and
 * the server's zod messages for a refused case, read by zod's fixed wording since the server
 * sends only path and message.
 */

export type BotTestsT = TFunction<'botTests'>;

/** The readable name of an expectation, as the shared `describeExpectation` words it. */
export function describeExpectation(t: BotTestsT, e: Expectation): string {
  switch (e.kind) {
    case 'reply_contains':
      return e.turn
        ? t('describe.reply_containsOnTurn', { text: e.text, turn: e.turn })
        : t('describe.reply_contains', { text: e.text });
    case 'reply_not_contains':
      return e.turn
        ? t('describe.reply_not_containsOnTurn', { text: e.text, turn: e.turn })
        : t('describe.reply_not_contains', { text: e.text });
    case 'variable_equals':
      return t('describe.variable_equals', { key: e.key, value: e.value });
    case 'reached_node':
      return t('describe.reached_node', { nodeId: e.nodeId });
    case 'handed_off':
      return e.value ? t('describe.handed_off') : t('describe.not_handed_off');
    case 'cited_article':
      return t('describe.cited_article', { article: e.article });
    case 'max_turns':
      return t('describe.max_turns', { count: e.n });
    case 'judge':
      return t('describe.judge', { criterion: e.criterion });
  }
}

type Rule = [RegExp, (t: BotTestsT, m: RegExpExecArray) => string];

/** zod's own wordings (its English locale), each with what the form says for it. */
const ZOD_RULES: Rule[] = [
  [
    /^Too small: expected string to have >=?(\d+) characters?$/,
    (t, m) =>
      Number(m[1]) <= 1
        ? t('fieldErrors.required')
        : t('fieldErrors.tooShort', { count: Number(m[1]) }),
  ],
  [
    /^Too big: expected string to have <=?(\d+) characters?$/,
    (t, m) => t('fieldErrors.tooLong', { count: Number(m[1]) }),
  ],
  [
    /^Too small: expected array to have >=?(\d+) items?$/,
    (t, m) => t('fieldErrors.tooFew', { count: Number(m[1]) }),
  ],
  [
    /^Too big: expected array to have <=?(\d+) items?$/,
    (t, m) => t('fieldErrors.tooMany', { count: Number(m[1]) }),
  ],
  [
    /^Too small: expected number to be >=?(-?[\d.]+)$/,
    (t, m) => t('fieldErrors.tooSmall', { min: m[1] }),
  ],
  [
    /^Too big: expected number to be <=?(-?[\d.]+)$/,
    (t, m) => t('fieldErrors.tooBig', { max: m[1] }),
  ],
  [/^Invalid input: expected \w+, received undefined$/, (t) => t('fieldErrors.required')],
  [/^Invalid input: expected int, received number$/, (t) => t('fieldErrors.whole')],
  [/^Invalid input: expected number, received \w+$/, (t) => t('fieldErrors.number')],
  [/^Invalid (option|input): expected one of /, (t) => t('fieldErrors.option')],
  [/^Invalid input/, (t) => t('fieldErrors.invalid')],
];

/** A zod message from the server in the console's language; another message as it came. */
export function zodMessageText(t: BotTestsT, message: string): string {
  for (const [pattern, say] of ZOD_RULES) {
    const m = pattern.exec(message);
    if (m) return say(t, m);
  }
  return message;
}
