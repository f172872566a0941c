const DAY = 86_400_000;

/** Expiry dates are calendar days (stored as UTC midnight): shown as YYYY-MM-DD. */
export const expiryDay = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

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
