import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, db } from '../db/client';

/** The dashboard's window: the days it covers in the viewer's time zone (docs/dashboard.md). */

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const DashboardInput = z.object({
  days: z
    .number({ error: 'days must be an integer number' })
    .int('days must be an integer number')
    .min(1, 'days must not be less than 1')
    .max(90, 'days must not be greater than 90')
    .default(14),
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'timeZone must be an IANA time zone')
    .default('UTC'),
});

/** The days covered, oldest first, as `YYYY-MM-DD` in `timeZone`; `start` opens the first. */
export interface StatsWindow {
  timeZone: string;
  days: string[];
  start: SQL;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function statsWindow(
  input: z.input<typeof DashboardInput>,
  tx: DbOrTx = db,
): Promise<StatsWindow> {
  const { days, timeZone } = DashboardInput.parse(input);
  const [row] = (await tx.execute(
    sql`select to_char(now() at time zone ${timeZone}, 'YYYY-MM-DD') as today`,
  )) as unknown as { today: string }[];
  const first = addDays(row!.today, 1 - days);
  return {
    timeZone,
    days: Array.from({ length: days }, (_, i) => addDays(first, i)),
    // Local midnight of the first day, as an instant.
    start: sql`(${first}::timestamp at time zone ${timeZone})`,
  };
}

export const dayOf = (column: SQL, w: StatsWindow) =>
  sql`to_char((${column} at time zone ${w.timeZone})::date, 'YYYY-MM-DD')`;
