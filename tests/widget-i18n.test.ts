import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, pickLanguage } from '../server/channels/widget-client/src/language';

/*
 * Issue 23, the widget's three languages: every catalogue has exactly en's keys, none empty,
 * each string with en's {{variables}}; and the language the widget picks.
 */

type Catalogue = { [key: string]: string | Catalogue };

const catalogue = (lng: string): Catalogue =>
  JSON.parse(
    readFileSync(
      new URL(`../server/channels/widget-client/locales/${lng}.json`, import.meta.url),
      'utf8',
    ),
  );

/** "a.b" → its string, for every leaf. */
function leaves(c: Catalogue, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(c)) {
    if (v !== null && typeof v === 'object')
      for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const variables = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/** What is wrong with `lng`'s catalogue against en's, in words (empty when nothing is). */
function problems(lng: string): string[] {
  const en = leaves(catalogue('en'));
  const other = leaves(catalogue(lng));
  const found: string[] = [];
  for (const [key, value] of en) {
    const theirs = other.get(key);
    if (theirs === undefined) found.push(`${key}: missing`);
    else if (typeof theirs !== 'string' || theirs.trim() === '') found.push(`${key}: empty`);
    else if (variables(theirs).join() !== variables(String(value)).join())
      found.push(
        `${key}: variables ${variables(theirs).join()} instead of ${variables(String(value)).join()}`,
      );
  }
  for (const key of other.keys()) if (!en.has(key)) found.push(`${key}: not in en`);
  return found;
}

describe("the widget's catalogues", () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every key of en, no other, none empty',
    (lng) => {
      expect(problems(lng)).toEqual([]);
    },
  );

  it('en has no empty string', () => {
    const empty = [...leaves(catalogue('en'))].filter(
      ([, v]) => typeof v !== 'string' || !v.trim(),
    );
    expect(empty).toEqual([]);
  });
});

describe("the widget's language", () => {
  it("is the snippet's data-locale, else the browser's first we speak, else English", () => {
    expect(pickLanguage('pt-BR', ['en-US'])).toBe('pt-BR');
    expect(pickLanguage('es', ['pt-BR'])).toBe('es');
    expect(pickLanguage('pt-PT', [])).toBe('pt-BR');
    expect(pickLanguage(undefined, ['pt-BR', 'en'])).toBe('pt-BR');
    expect(pickLanguage(undefined, ['fr-FR', 'es-AR', 'en'])).toBe('es');
    expect(pickLanguage(undefined, ['en-GB', 'es'])).toBe('en');
    // A locale we do not speak on the snippet leaves the choice to the browser.
    expect(pickLanguage('fr', ['es-MX'])).toBe('es');
    expect(pickLanguage(undefined, ['de', 'fr'])).toBe('en');
    expect(pickLanguage('', [])).toBe('en');
  });
});
