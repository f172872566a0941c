import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales';
import en from '../../web/src/locales/en';
import es from '../../web/src/locales/es';
import ptBR from '../../web/src/locales/pt-BR';

type Tree = { [key: string]: string | Tree };

/** Every key of a catalogue with its text, nested keys joined with dots. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
// Plural forms a language has beyond English's one/other (CLDR: Portuguese and Spanish "many").
const extraPlural = /_(many|zero|two|few)$/;
const baseOf = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

const catalogues = { en, 'pt-BR': ptBR, es } as const;

describe('the console catalogues', () => {
  it('covers the three languages', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  const source = new Map(
    Object.entries(en).map(([ns, tree]) => [ns, flatten(tree as Tree)] as const),
  );

  for (const locale of ['pt-BR', 'es'] as const) {
    describe(locale, () => {
      it('has the namespaces English has', () => {
        expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
      });
      for (const [ns, english] of source) {
        it(`${ns}: every key of English, translated, with the same variables, and no other`, () => {
          const translated = flatten((catalogues[locale] as Record<string, Tree>)[ns] ?? {});
          const missing = [...english.keys()].filter((k) => !translated.has(k));
          const extra = [...translated.keys()].filter(
            (k) => !english.has(k) && !(extraPlural.test(k) && english.has(`${baseOf(k)}_other`)),
          );
          const empty = [...translated].filter(([, v]) => !v.trim()).map(([k]) => k);
          const wrongVariables = [...english]
            .filter(
              ([k, v]) =>
                translated.has(k) && variables(v).join() !== variables(translated.get(k)!).join(),
            )
            .map(([k]) => k);
          expect({ missing, extra, empty, wrongVariables }).toEqual({
            missing: [],
            extra: [],
            empty: [],
            wrongVariables: [],
          });
        });
      }
    });
  }

  it('Portuguese says zero in the plural ("0 abertas"), where CLDR would take the singular', () => {
    // CLDR files 0 under "one" in Brazilian Portuguese, so i18next would say "0 aberta"; a
    // `_zero` form (which i18next prefers for a count of 0) beside every `_one` avoids it.
    const lacking = Object.entries(ptBR).flatMap(([ns, tree]) =>
      [...flatten(tree as Tree).keys()]
        .filter((k) => k.endsWith('_one'))
        .filter((k) => !flatten(tree as Tree).has(`${baseOf(k)}_zero`))
        .map((k) => `${ns}:${k}`),
    );
    expect(lacking).toEqual([]);
  });

  it('English itself has no empty text', () => {
    const empty = [...source].flatMap(([ns, m]) =>
      [...m].filter(([, v]) => !v.trim()).map(([k]) => `${ns}:${k}`),
    );
    expect(empty).toEqual([]);
  });
});
