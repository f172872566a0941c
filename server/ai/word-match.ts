/**
 * Fuzzy word lists for reading customers' short messages (server/ai/intents.ts): a token
 * matches a word when it is the word, the same once stretched letters are squeezed ("thanksss",
 * "oii"), or within a typo or two of it. Lists are prepared once and every answer remembered,
 * because the same few words come back in every message and this runs before each bot reply
 * (unprepared, it cost 1.8 ms a message: a regex and an edit-distance table per word pair).
 */

/** "thanksss" → "thanks", "oii" → "oi": people stretch the words of small talk. */
const squeezeRaw = (w: string) => w.replace(/(\p{L})\1+/gu, '$1');

/** Answers remembered per table, dropped wholesale past this size (a flood of unique tokens). */
const REMEMBERED = 20_000;

function remembering<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    const known = seen.get(key);
    if (known !== undefined) return known;
    if (seen.size >= REMEMBERED) seen.clear();
    const value = fn(key);
    seen.set(key, value);
    return value;
  };
}

export const squeeze = remembering(squeezeRaw);

/** Optimal string alignment distance (a swap of two letters is one edit), cut off at `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // Three rows: the one before the previous (for swaps), the previous, and this one.
  let before = new Int32Array(width);
  let previous = Int32Array.from({ length: width }, (_, j) => j);
  let current = new Int32Array(width);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1; // every path is already over the budget
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * How many edits a word tolerates: one from `fuzzyFrom` letters, two from 10, none below, so
 * that one edit does not make another word that matters ("pasar" is one letter from "pagar").
 */
const budgetOf = (squeezed: string, fuzzyFrom: number) =>
  squeezed.length >= 10 ? 2 : squeezed.length >= fuzzyFrom ? 1 : 0;

/** Whether `token` is `word`, allowing stretched letters and the word's typo budget. */
export function sameWord(token: string, word: string, fuzzyFrom = 5): boolean {
  if (token === word) return true;
  const t = squeeze(token);
  const w = squeeze(word);
  if (t === w) return true;
  const budget = budgetOf(w, fuzzyFrom);
  return budget > 0 && editDistance(t, w, budget) <= budget;
}

/** A prepared list: `(token) => whether it is one of the words`, as `sameWord` decides. */
export function wordList(words: readonly string[], fuzzyFrom = 5): (token: string) => boolean {
  const exact = new Set(words);
  const squeezed = new Set(words.map(squeeze));
  const fuzzy = [...squeezed]
    .map((w) => ({ w, budget: budgetOf(w, fuzzyFrom) }))
    .filter((f) => f.budget > 0);
  const widest = Math.max(0, ...fuzzy.map((f) => f.budget));
  // Each of a token's letters that no word has costs an edit against every word: a token of
  // digits or an id ("bench-37", "A1234") is none of them without a table being filled.
  const letters = new Set([...squeezed].join(''));
  const foreign = (t: string) => {
    let n = 0;
    for (const c of t) if (!letters.has(c)) n++;
    return n;
  };
  return remembering((token) => {
    if (exact.has(token)) return true;
    const t = squeeze(token);
    if (squeezed.has(t)) return true;
    const least = foreign(t);
    if (least > widest) return false;
    return fuzzy.some(
      ({ w, budget }) =>
        least <= budget &&
        Math.abs(w.length - t.length) <= budget &&
        editDistance(t, w, budget) <= budget,
    );
  });
}
