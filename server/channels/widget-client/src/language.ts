import { LOCALES, type Locale, matchLocale } from '../../../../shared/i18n/locales';

/** The widget's languages (the console's: shared/i18n/locales.ts); ../locales has one each. */
export const LANGUAGES = LOCALES;
export type Language = Locale;

/**
 * The embed snippet's `data-locale` wins, else the first of the browser's languages we speak,
 * else English (any Portuguese is pt-BR, any Spanish es).
 */
export function pickLanguage(snippet: string | undefined, browser: readonly string[]): Language {
  return matchLocale([snippet, ...browser]);
}
