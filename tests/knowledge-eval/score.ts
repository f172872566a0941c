import { DEMO_ARTICLES } from '../../server/demo/knowledge/articles';
import type { DemoLanguage } from '../../server/demo/knowledge/topics';
import type { EvalQuestion, QuestionKind } from './questions';

/**
 * Scores the evaluation set's outcomes (pure: tests/knowledge-eval/run.ts produces them).
 * Every question ends in exactly one of three replies, so the rates add up to 1:
 * - right: the reply cites the question's expected article;
 * - wrong: it cites another article, or answers a question it must not answer;
 * - handoff: it answers from no article (hands off, or says it does not know).
 * A must-not-answer question handed off is a handoff, and the one correct outcome for it.
 */
export type ReplyOutcome = 'right' | 'wrong' | 'handoff';

export interface QuestionResult {
  question: EvalQuestion;
  /** Slugs of the retrieval's hits, best first (as many as were asked for). */
  retrieved: string[];
  /** Slugs of the articles the built-in responder's reply cites. */
  cited: string[];
  /** The reply asked for a person (handoff_to_human). */
  handedOff: boolean;
}

export function replyOutcome(r: QuestionResult): ReplyOutcome {
  if (r.cited.length === 0) return 'handoff';
  return r.question.expected !== null && r.cited.includes(r.question.expected) ? 'right' : 'wrong';
}

export interface Figures {
  questions: number;
  /** Questions that have an answering article. */
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  right: number;
  wrong: number;
  handoff: number;
  /** Answerable questions the responder handed off (missed answers). */
  answerableHandedOff: number;
  /** Wrong answers from the expected article's translation: the right topic, another language. */
  wrongOtherLanguage: number;
  /** Must-not-answer questions it answered anyway (part of `wrong`). */
  outOfScopeAnswered: number;
  outOfScope: number;
}

const share = (n: number, of: number) => (of === 0 ? Number.NaN : n / of);
const topicOf = new Map(DEMO_ARTICLES.map((a) => [a.slug, a.topic]));
/** A wrong answer on the right topic: it cites the expected article in another language. */
const translationCited = (r: QuestionResult) =>
  replyOutcome(r) === 'wrong' &&
  r.question.expected !== null &&
  r.cited.some((slug) => topicOf.get(slug) === topicOf.get(r.question.expected!));
const inTop = (r: QuestionResult, k: number) =>
  r.question.expected !== null && r.retrieved.slice(0, k).includes(r.question.expected);

export function figures(results: QuestionResult[]): Figures {
  const answerable = results.filter((r) => r.question.expected !== null);
  const outOfScope = results.filter((r) => r.question.expected === null);
  const count = (outcome: ReplyOutcome, of = results) =>
    of.filter((r) => replyOutcome(r) === outcome).length;
  return {
    questions: results.length,
    answerable: answerable.length,
    recallAt1: share(answerable.filter((r) => inTop(r, 1)).length, answerable.length),
    recallAt3: share(answerable.filter((r) => inTop(r, 3)).length, answerable.length),
    right: share(count('right'), results.length),
    wrong: share(count('wrong'), results.length),
    handoff: share(count('handoff'), results.length),
    answerableHandedOff: count('handoff', answerable),
    wrongOtherLanguage: answerable.filter(translationCited).length,
    outOfScopeAnswered: count('wrong', outOfScope),
    outOfScope: outOfScope.length,
  };
}

const LANGUAGES: { code: DemoLanguage; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'es', name: 'Spanish' },
];
const KINDS: QuestionKind[] = ['paraphrase', 'typo', 'short', 'no-accents', 'out-of-scope'];

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);
const ratio = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function row(label: string, f: Figures): string[] {
  return [
    label,
    String(f.questions),
    String(f.answerable),
    ratio(f.recallAt1),
    ratio(f.recallAt3),
    pct(f.right),
    pct(f.wrong),
    String(f.wrongOtherLanguage),
    pct(f.handoff),
    `${f.answerableHandedOff}/${f.answerable}`,
    `${f.outOfScopeAnswered}/${f.outOfScope}`,
  ];
}

const HEADER = [
  '',
  'questions',
  'answerable',
  'recall@1',
  'recall@3',
  'right answer',
  'wrong answer',
  'of which a translation',
  'handoff / don’t know',
  'answerable handed off',
  'must-not-answer answered',
];

/** Markdown tables: by language and overall, then by kind of question. */
export function reportTables(results: QuestionResult[]): string {
  const byLanguage = LANGUAGES.map(({ code, name }) =>
    row(name, figures(results.filter((r) => r.question.language === code))),
  );
  const byKind = KINDS.map((kind) =>
    row(kind, figures(results.filter((r) => r.question.kinds.includes(kind)))),
  );
  return [
    table(HEADER, [...byLanguage, row('**all**', figures(results))]),
    table(['kind', ...HEADER.slice(1)], byKind),
  ].join('\n\n');
}

/** The questions that went wrong, for whoever tunes retrieval or the responder. */
export function failures(results: QuestionResult[]): string[] {
  return results
    .filter((r) => replyOutcome(r) !== 'right' || (r.question.expected && !inTop(r, 3)))
    .filter((r) => !(r.question.expected === null && replyOutcome(r) === 'handoff'))
    .map((r) => {
      const top = r.retrieved.slice(0, 3).join(', ') || 'nothing';
      const said = r.cited.length ? `cited ${r.cited.join(', ')}` : 'handed off';
      return `- [${r.question.language}] "${r.question.text}" expects ${r.question.expected ?? 'no answer'}: top 3 ${top}; ${said}`;
    });
}
