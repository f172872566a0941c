import { describe, expect, it } from 'vitest';
import { editDistance, sameWord, wordList } from '../server/ai/word-match';

/** The textbook optimal string alignment distance, uncut: what the fast one must agree with. */
function reference(a: string, b: string): number {
  const d = [...Array(a.length + 1)].map((_, i) =>
    [...Array(b.length + 1)].map((_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('word matching', () => {
  it('computes the edit distance, cut off at the budget', () => {
    expect(editDistance('humna', 'human', 1)).toBe(1); // a swap is one edit
    expect(editDistance('atendete', 'atendente', 1)).toBe(1);
    expect(editDistance('pasar', 'pagar', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3); // past the budget: budget + 1
    expect(editDistance('abc', 'abc', 0)).toBe(0);
    // Random pairs over a small alphabet (many near misses): equal to the reference within
    // the budget, and over it whenever the reference is.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const word = () => Array.from({ length: 1 + (next() % 9) }, () => 'abcd'[next() % 4]).join('');
    for (let n = 0; n < 3000; n++) {
      const [a, b, max] = [word(), word(), next() % 3];
      const exact = reference(a, b);
      const cut = editDistance(a, b, max);
      if (exact <= max) expect(cut, `${a} ${b} ${max}`).toBe(exact);
      else expect(cut, `${a} ${b} ${max}`).toBeGreaterThan(max);
    }
  });

  it('matches stretched letters and typos within the word length budget', () => {
    expect(sameWord('thanksss', 'thanks')).toBe(true);
    expect(sameWord('oii', 'oi')).toBe(true);
    expect(sameWord('humna', 'human')).toBe(true);
    expect(sameWord('pagar', 'pasar', 6)).toBe(false); // five letters: no typo under 6
    expect(sameWord('efectivo', 'ejecutivo')).toBe(false); // two edits from a 9-letter word
  });

  it('answers a prepared list as sameWord answers each of its words, again and again', () => {
    const list = ['human', 'atendente', 'oi', 'representative', 'falar'];
    const isOne = wordList(list, 6);
    for (const token of [
      'humman',
      'humna',
      'atendete',
      'oiii',
      'fala',
      'falarr',
      'x',
      'reprsentative',
      // Letters no word has: one is a typo a long word allows, more are none of them.
      'representativ3',
      'r3presentativ3',
      'hum4n',
      'bench-37',
      '2024',
    ]) {
      const expected = list.some((w) => sameWord(token, w, 6));
      expect(isOne(token), token).toBe(expected);
      expect(isOne(token), `${token}, remembered`).toBe(expected);
    }
  });
});
