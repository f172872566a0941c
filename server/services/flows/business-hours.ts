import type { BusinessHoursSpan } from '../../db/schema/workspaces';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** `HH:MM` as minutes since midnight; NaN for anything else (such a span never matches). */
const minutes = (hhmm: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** The weekday (0 = Sunday) and the minute of the day at `at` in `timeZone` (IANA). */
export function localTime(at: Date, timeZone: string): { day: number; minute: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    // A zone this Node does not know: UTC rather than a broken flow.
    return localTime(at, 'UTC');
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
    minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
  };
}

/**
 * Whether the business answers at `at`: the workspace's spans in its time zone, each
 * `[open, close)` on its weekday (a close at or before its open runs past midnight into the next
 * day). No spans at all: always open (the workspace never said otherwise).
 */
export function isOpen(spans: readonly BusinessHoursSpan[], timeZone: string, at: Date): boolean {
  if (!spans.length) return true;
  const { day, minute } = localTime(at, timeZone);
  return spans.some((span) => {
    const open = minutes(span.open);
    const close = minutes(span.close);
    if (Number.isNaN(open) || Number.isNaN(close)) return false;
    if (close > open) return span.day === day && minute >= open && minute < close;
    // Overnight: from open on its day to close the morning after.
    return (span.day === day && minute >= open) || ((span.day + 1) % 7 === day && minute < close);
  });
}
