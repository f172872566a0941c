/**
 * The languages the console, the widget and the bot's own sentences speak. A tag from a
 * browser (`navigator.languages`) or a snippet (`data-locale`) is matched by its language:
 * any Portuguese gets Brazilian Portuguese, any Spanish gets Spanish, anything else English.
 */
export const LOCALES = ['en', 'pt-BR', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for a language picker. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of `tags` that one of ours serves, by its language subtag; else English. */
export function matchLocale(tags: readonly (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    if (!tag) continue;
    const language = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (language === 'pt') return 'pt-BR';
    if (language === 'es') return 'es';
    if (language === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}
