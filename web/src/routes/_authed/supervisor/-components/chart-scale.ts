import { formatNumber } from '../../../../lib/format';
import { currentLocale } from '../../../../lib/i18n';

/** Axis ticks from 0 in "nice" steps (1, 2, 2.5 or 5 × 10^n) up to at least `max`. */
export function niceTicks(
  max: number,
  options: { count?: number; integer?: boolean } = {},
): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / (options.count ?? 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  // Counts step by whole numbers: no "1.5 conversations".
  const step = options.integer ? Math.max(1, Math.ceil(nice)) : nice;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** `2024-03-05` → `Mar 5` / `5 de mar.` (a calendar day: formatted in UTC, not shifted). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(currentLocale(), {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** `2024-03-05` → `Mar 5, 2024` / `5 de mar. de 2024`, in the console's language. */
export function calendarDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(currentLocale(), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
}

/** 45 → "45 s", 200 → "3 min 20 s", 3900 → "1 h 5 min" (symbols every language here reads). */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${formatNumber(Math.floor(m / 60))} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
