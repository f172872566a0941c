import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../server/demo/knowledge/articles';
import { EVAL_QUESTIONS } from './knowledge-eval/questions';
import { runEvaluation } from './knowledge-eval/run';
import { failures, figures, type QuestionResult, reportTables } from './knowledge-eval/score';

/**
 * The floor under the knowledge base's quality with no API key: issue 20's targets (recall@3 at
 * least 0.9 in every language, at most 5 % wrong answers), or the figures measured by
 * scripts/bench/knowledge-eval.ts if they are better, rounded to the next worse hundredth, so
 * a change that makes one more question fail fails here. Raise them when the figures improve
 * (docs/performance.md has them); lowering one needs a reason in the commit.
 */
const FLOOR = {
  recallAt3: 0.98,
  recallAt3PerLanguage: 0.9,
  right: 0.62,
  /** Measured 1.3 % (1 of 79) at ee9f9d3, under the 5 % target. */
  wrong: 0.02,
};

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('the demo knowledge base and its evaluation set', () => {
  const bySlug = new Map(DEMO_ARTICLES.map((a) => [a.slug, a]));

  it('has one article per slug, each topic in at least two languages', () => {
    expect(bySlug.size).toBe(DEMO_ARTICLES.length);
    const languages = new Map<string, Set<string>>();
    for (const a of DEMO_ARTICLES) {
      languages.set(a.topic, (languages.get(a.topic) ?? new Set()).add(a.language));
    }
    for (const [topic, langs] of languages) expect([topic, langs.size >= 2]).toEqual([topic, true]);
  });

  it('asks at least 60 questions, 15 per language, 10 that must not be answered', () => {
    expect(EVAL_QUESTIONS.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['en', 'pt', 'es'])
      expect(EVAL_QUESTIONS.filter((q) => q.language === lang).length).toBeGreaterThanOrEqual(15);
    expect(EVAL_QUESTIONS.filter((q) => q.expected === null).length).toBeGreaterThanOrEqual(10);
  });

  it('expects existing articles in the question’s language, and repeats no title', () => {
    const titles = new Set(DEMO_ARTICLES.map((a) => fold(a.title)));
    for (const q of EVAL_QUESTIONS) {
      expect(titles.has(fold(q.text)), q.text).toBe(false);
      if (q.expected === null) {
        expect(q.kinds, q.text).toContain('out-of-scope');
        continue;
      }
      expect(bySlug.get(q.expected)?.language, q.text).toBe(q.language);
    }
    expect(new Set(EVAL_QUESTIONS.map((q) => fold(q.text))).size).toBe(EVAL_QUESTIONS.length);
  });
});

describe('the evaluation set over the demo knowledge base, with no API key', () => {
  let results: QuestionResult[];
  beforeAll(async () => {
    results = await runEvaluation();
  }, 120_000);

  // The tables and the missed questions, in the failure message: what moved, and where.
  const why = () => `\n${reportTables(results)}\n\n${failures(results).join('\n')}`;

  it('finds the expected article in the top 3', () => {
    expect(figures(results).recallAt3, why()).toBeGreaterThanOrEqual(FLOOR.recallAt3);
    for (const language of ['en', 'pt', 'es']) {
      const inLanguage = results.filter((r) => r.question.language === language);
      expect(figures(inLanguage).recallAt3, `${language}${why()}`).toBeGreaterThanOrEqual(
        FLOOR.recallAt3PerLanguage,
      );
    }
  });

  it('answers right, rarely wrong, and never a question it must not answer', () => {
    const f = figures(results);
    expect(f.right, why()).toBeGreaterThanOrEqual(FLOOR.right);
    expect(f.wrong, why()).toBeLessThanOrEqual(FLOOR.wrong);
    expect(f.outOfScopeAnswered, why()).toBe(0);
  });

  it('hands off whenever it does not answer from an article', () => {
    for (const r of results) {
      expect(r.handedOff, r.question.text).toBe(r.cited.length === 0);
    }
  });
});
