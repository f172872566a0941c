import { currentLocale } from '../../../../lib/i18n';

const DAY = 86_400_000;

/** Expiry dates are calendar days (stored as UTC midnight): shown as YYYY-MM-DD. */
export const expiryDay = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

const shown = new Map<string, Intl.DateTimeFormat>();
/** The same calendar day as people read it in the console's language ("3 Dec 2026"), in UTC. */
export function expiryDate(iso: string | null): string | null {
  if (!iso) return null;
  const locale = currentLocale();
  let format = shown.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    shown.set(locale, format);
  }
  return format.format(new Date(iso));
}

export type ExpiryState = 'expired' | 'soon' | 'ok' | 'none';

export function expiryState(iso: string | null, now = Date.now(), withinDays = 7): ExpiryState {
  if (!iso) return 'none';
  const at = Date.parse(iso);
  if (at < now) return 'expired';
  return at <= now + withinDays * DAY ? 'soon' : 'ok';
}

export function daysLeft(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / DAY));
}
