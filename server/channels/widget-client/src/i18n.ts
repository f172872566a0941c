import i18next from 'i18next';
import en from '../locales/en.json';
import es from '../locales/es.json';
import ptBR from '../locales/pt-BR.json';
import { embed } from './embed';
import { type Language, pickLanguage } from './language';

/** en's keys, dotted ("survey.question"): every catalogue has exactly these (a test checks). */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof en>;

export const language: Language = pickLanguage(embed.data.locale, navigator.languages ?? []);

declare global {
  interface Window {
    /**
     * The keys the widget asked for that the visitor's language lacks, as "<lng>:<key>"
     * (the e2e check reads it; an English string was shown in their place).
     */
    supportInboxMissingKeys?: string[];
  }
}

function recordMissing(lng: string, key: string) {
  window.supportInboxMissingKeys ??= [];
  window.supportInboxMissingKeys.push(`${lng}:${key}`);
}

const i18n = i18next.createInstance();
// The catalogues are in the bundle, so initialisation is synchronous: the first paint is in
// the visitor's language. Text goes through textContent, never HTML: no escaping here.
void i18n.init({
  lng: language,
  fallbackLng: 'en',
  resources: {
    en: { translation: en },
    'pt-BR': { translation: ptBR },
    es: { translation: es },
  },
  initAsync: false,
  interpolation: { escapeValue: false },
});

/**
 * The visitor's string for `key`. A key their catalogue lacks is recorded, and shown from en's
 * (i18next's own missing-key hook fires only for a key no catalogue has, fallbacks included).
 */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  if (!i18n.exists(key, { lngs: [language] })) recordMissing(language, key);
  return i18n.t(key, vars ?? {});
}

const timeFormat = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(language, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const relativeDays = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });

const dayNumber = (d: Date) =>
  Math.floor((d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000);

/** A message's time in the visitor's words: "14:05", "yesterday, 14:05", or a full date. */
export function when(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const days = dayNumber(at) - dayNumber(new Date());
  if (days === 0) return timeFormat.format(at);
  if (days === -1) return `${relativeDays.format(-1, 'day')}, ${timeFormat.format(at)}`;
  return dateTimeFormat.format(at);
}

/** A file's size by locale: "1 kB", "1,2 MB". */
export function fileSize(bytes: number): string {
  const mb = bytes >= 1_048_576;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb ? 1 : 0,
    minimumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / 1_048_576 : Math.max(1, Math.round(bytes / 1024)));
}
