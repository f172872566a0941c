import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, pickLanguage } from '../server/channels/widget-client/src/language';
import { uploadRefusal } from '../server/channels/widget-client/src/upload-refusal';

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

  it('pt-BR says a message was seen as "Visualizada" (a message, feminine), not "Vista"', () => {
    const status = catalogue('pt-BR').status as Catalogue;
    expect(status.seen).toBe('Visualizada');
    expect(status.sent).toBe('Enviada');
  });

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

describe("a refused upload's words", () => {
  const tooLarge = {
    statusCode: 413,
    message: 'The file is larger than 10 MB, the most a file may be',
  };
  it('are the widget’s own by kind in pt-BR and es, never the server’s English', () => {
    for (const lng of ['pt-BR', 'es'] as const) {
      expect(uploadRefusal(413, tooLarge, lng)).toEqual({ key: 'files.tooLarge' });
      expect(uploadRefusal(415, { message: 'image/x-icon is not allowed' }, lng)).toEqual({
        key: 'files.wrongType',
      });
      expect(uploadRefusal(429, { message: '5 files are already waiting' }, lng)).toEqual({
        key: 'files.tooMany',
      });
      expect(uploadRefusal(400, { message: ['The file is empty'] }, lng)).toEqual({
        key: 'files.refused',
      });
      expect(uploadRefusal(403, null, lng)).toEqual({ key: 'files.refused' });
      expect(uploadRefusal(502, { message: 'Bad gateway' }, lng)).toEqual({ key: 'files.failed' });
    }
  });

  it('in English may be the server’s, which names the limit; a type refused is always ours', () => {
    expect(uploadRefusal(413, tooLarge, 'en')).toEqual({ text: tooLarge.message });
    expect(uploadRefusal(400, { message: ['The file is empty'] }, 'en')).toEqual({
      text: 'The file is empty',
    });
    expect(uploadRefusal(413, null, 'en')).toEqual({ key: 'files.tooLarge' });
    expect(uploadRefusal(415, { message: 'image/x-icon is not allowed' }, 'en')).toEqual({
      key: 'files.wrongType',
    });
    expect(uploadRefusal(500, { message: 'Internal server error' }, 'en')).toEqual({
      key: 'files.failed',
    });
  });
});
