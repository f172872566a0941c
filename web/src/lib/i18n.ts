/**
 * The console's languages (issue 23): English, Portuguese (Brazil) and Spanish, with i18next.
 *
 * How to use it:
 * - Strings live in `web/src/locales/<locale>/<namespace>.json`, one namespace per area of the
 *   console (common, inbox, settings, flows, botTests, supervisor, knowledge, crm, csat). English
 *   is the source: its keys are the types, so `t('inbox:missing')` does not compile, and
 *   tests/i18n-catalogues.test.ts fails when another language lacks a key English has.
 * - In a component: `const { t } = useTranslation('inbox')`, then `t('composer.send')`, with
 *   `{{name}}` interpolation and `_one`/`_other` plurals (`t('list.count', { count })`).
 *   Outside React (a module constant, a toast): keep the key and translate where it is shown.
 * - Dates, numbers and relative times go through lib/format.ts, which reads the language.
 * - No text is written in JSX or in a label-like prop (placeholder, title, aria-label, alt,
 *   label): tests/i18n-hardcoded.test.ts fails on one.
 *
 * English is in the first load; another language is its own chunk, loaded before the first
 * render. The language: the user's choice (users.locale, remembered in this browser so the
 * next start needs no round trip), else the browser's languages, else English.
 */
import i18n, { type PostProcessorModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { isLocale, type Locale, matchLocale } from '../../../shared/i18n/locales';
import en from '../locales/en';

export const NAMESPACES = Object.keys(en) as (keyof typeof en)[];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}

const STORED = 'console.locale';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: typeof en }>> = {
  'pt-BR': () => import('../locales/pt-BR'),
  es: () => import('../locales/es'),
};

/** Keys a page asked for that its language lacks: the e2e tests read them. */
export const missingKeys: string[] = [];
declare global {
  interface Window {
    __missingTranslations?: string[];
  }
}

/** The language of the last user who chose one here, else the browser's. */
function startingLocale(): Locale {
  const stored = localStorage.getItem(STORED);
  return isLocale(stored) ? stored : matchLocale(navigator.languages ?? [navigator.language]);
}

async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' || i18n.hasResourceBundle(locale, 'common')) return;
  const strings = (await loaders[locale]()).default;
  for (const [ns, resources] of Object.entries(strings)) {
    i18n.addResourceBundle(locale, ns, resources, true, true);
  }
}

/**
 * Records a key the current language lacks. i18next's own missing-key hook fires only for a
 * key English lacks too (a gap in Portuguese or Spanish is shown from English, silently), so
 * every translation passes through this post-processor, which asks the language itself.
 */
const gapRecorder: PostProcessorModule = {
  type: 'postProcessor',
  name: 'recordGaps',
  process(value, key, options) {
    const lng = i18n.language;
    // Untyped here: the post-processor sees every key of every namespace.
    const exists = i18n.exists as (k: string | string[], o: object) => boolean;
    if (lng !== 'en' && !exists(key, { ...options, lngs: [lng] })) {
      missingKeys.push(`${lng}:${[options.ns ?? ''].flat().join(',')}:${[key].flat().join('|')}`);
    }
    return value;
  },
};

export async function startI18n(): Promise<void> {
  window.__missingTranslations = missingKeys;
  const locale = startingLocale();
  await i18n
    .use(initReactI18next)
    .use(gapRecorder)
    .init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: ['en', 'pt-BR', 'es'],
      ns: NAMESPACES,
      defaultNS: 'common',
      resources: { en },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      postProcess: ['recordGaps'],
      // A key English lacks too (a typo the types let through, a dynamic key).
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key) => {
        missingKeys.push(`${lngs.join(',')}:${ns}:${key}`);
      },
    });
  await switchLocale(locale);
}

/** Shows the console in `locale` (its strings loaded first), for this browser. */
export async function switchLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/**
 * A user's saved choice, once known: applied and remembered here; null (follow the browser)
 * forgets the remembered one.
 */
export async function applyUserLocale(choice: Locale | null): Promise<void> {
  if (choice) localStorage.setItem(STORED, choice);
  else localStorage.removeItem(STORED);
  const locale = choice ?? matchLocale(navigator.languages ?? [navigator.language]);
  if (locale !== i18n.language) await switchLocale(locale);
}

/** The language the console shows now. */
export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'en');

/** The current language, re-rendering the caller when it changes. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : 'en';
}

export { i18n };
