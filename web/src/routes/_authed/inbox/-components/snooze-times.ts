/** The snooze menu's presets, in the agent's own time zone (the browser's). */

const HOUR = 3_600_000;

/** 9:00 on the day `days` after `from`'s. */
function nineOn(from: Date, days: number): Date {
  const d = new Date(from);
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d;
}

export interface SnoozePreset {
  /** Its name's key in the inbox catalogue. */
  label: 'snooze.inOneHour' | 'snooze.tomorrow' | 'snooze.nextWeek';
  until: Date;
}

/** In an hour, tomorrow at 9:00, and next Monday at 9:00 (a week on when today is Monday). */
export function snoozePresets(now = new Date()): SnoozePreset[] {
  const toMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: 'snooze.inOneHour', until: new Date(now.getTime() + HOUR) },
    { label: 'snooze.tomorrow', until: nineOn(now, 1) },
    { label: 'snooze.nextWeek', until: nineOn(now, toMonday) },
  ];
}

/** A `datetime-local` input's value (local time, minutes) for a date. */
export function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The server's limit (MAX_SNOOZE_DAYS): the custom picker stops there too. */
export const MAX_SNOOZE_DAYS = 90;
