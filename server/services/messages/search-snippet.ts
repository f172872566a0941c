/**
 * A search result's snippet as parts the console renders as text, never as HTML: the message's
 * text around its first match, each place where a query word occurs (accents and case ignored,
 * inside a word too, as the trigram index finds it) marked. Made here rather than with
 * ts_headline, which drops whatever its parser takes for an HTML tag ("a <b> c", "<3") and
 * marks whole words only.
 */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Characters of context before the first match, and of the snippet in all. */
const BEFORE = 60;
const LENGTH = 220;

/** Lower case without accents, one character at a time, so positions map back to the text. */
function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Which characters of `chars` a folded word covers. */
function hitsOf(chars: string[], words: string[]): boolean[] {
  let folded = '';
  const owner: number[] = [];
  chars.forEach((ch, i) => {
    const f = foldChar(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) owner.push(i);
  });
  const hit = new Array<boolean>(chars.length).fill(false);
  for (const word of words.map((w) => Array.from(w).map(foldChar).join('')).filter(Boolean)) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      for (let k = at; k < at + word.length; k++) hit[owner[k]!] = true;
    }
  }
  return hit;
}

export function snippetParts(text: string, words: string[]): SnippetPart[] {
  const all = Array.from(text.replace(/\s+/g, ' ').trim());
  const allHits = hitsOf(all, words);
  const first = Math.max(0, allHits.indexOf(true));
  let start = Math.max(0, first - BEFORE);
  // Start and end on a word boundary where one is near.
  while (start > 0 && start > first - BEFORE - 15 && all[start - 1] !== ' ') start--;
  let end = Math.min(all.length, start + LENGTH);
  while (end < all.length && end < start + LENGTH + 15 && all[end] !== ' ') end++;
  const parts: SnippetPart[] = [];
  const push = (t: string, hit: boolean) => {
    const last = parts.at(-1);
    if (last && last.hit === hit) last.text += t;
    else parts.push({ text: t, hit });
  };
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) push(all[i]!, allHits[i]!);
  if (end < all.length) push(' …', false);
  return parts;
}
