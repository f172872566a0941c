import type { Locale } from '../../../shared/i18n/locales';
import { currentLocale, i18n } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/*
 * Dates, times and numbers in the console's language (lib/i18n.ts): the formatters are made
 * once per language and read the language at each call, so a change of language shows at the
 * next render.
 */
const formatters = new Map<
  string,
  Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat
>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  name: string,
  make: (locale: Locale) => T,
): T {
  const locale = currentLocale();
  const key = `${locale}|${name}`;
  const known = formatters.get(key);
  if (known) return known as T;
  const made = make(locale);
  formatters.set(key, made);
  return made;
}

const unit = (u: 'second' | 'minute' | 'hour' | 'day') => (n: number) =>
  formatter(
    `unit-${u}`,
    (l) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: 'narrow' }),
  ).format(n);

/** A compact elapsed time: "now", "4m", "2h", "3d" (pt-BR "4min", "2h", "3d"). */
export function elapsed(fromIso: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(fromIso));
  if (ms < MINUTE) return i18n.t('common:time.now');
  if (ms < HOUR) return unit('minute')(Math.floor(ms / MINUTE));
  if (ms < DAY) return unit('hour')(Math.floor(ms / HOUR));
  return unit('day')(Math.floor(ms / DAY));
}

/** A relative time in words: "5 minutes ago", "in 2 hours", "há 3 dias". */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = formatter('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** A countdown: "23h 04m", "12m 09s". */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${unit('hour')(h)} ${pad(m)}m` : `${unit('minute')(m)} ${pad(s)}s`;
}

const dateTimeFormat = (name: string, options: Intl.DateTimeFormatOptions) => (iso: string) =>
  formatter(name, (l) => new Intl.DateTimeFormat(l, options)).format(new Date(iso));

export const formatTime = dateTimeFormat('time', { hour: '2-digit', minute: '2-digit' });
export const formatDate = dateTimeFormat('date', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
export const formatDateTime = dateTimeFormat('date-time', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A number with the language's separators: 12,345.6 / 12.345,6. */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions) =>
  formatter(
    `number-${JSON.stringify(options ?? {})}`,
    (l) => new Intl.NumberFormat(l, options),
  ).format(n);

/** "Today", "Yesterday" or the date: the separators between a thread's days. */
export function dayLabel(iso: string, now: number): string {
  const day = new Date(iso).toDateString();
  const rtf = formatter('day', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  const capital = (s: string) => s.charAt(0).toLocaleUpperCase(currentLocale()) + s.slice(1);
  if (day === new Date(now).toDateString()) return capital(rtf.format(0, 'day'));
  if (day === new Date(now - DAY).toDateString()) return capital(rtf.format(-1, 'day'));
  return formatDate(iso);
}

/** Initials for an avatar: "Maria Silva" → "MS". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts.at(-1)![0]] : [name.trim().slice(0, 2)];
  return letters.join('').toUpperCase() || '?';
}

/** A key for one send attempt (crypto.randomUUID needs a secure context; this does not). */
export function attemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
