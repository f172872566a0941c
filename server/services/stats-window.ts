import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, db } from '../db/client';
import { AppError } from '../errors';

/** The dashboard's window: the days it covers in the viewer's time zone (docs/dashboard.md). */

const TIME_ZONE_MESSAGE = 'timeZone must be an IANA time zone';

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
  timeZone: z.string().max(64).refine(isTimeZone, TIME_ZONE_MESSAGE).default('UTC'),
});

/** The days covered, oldest first, as `YYYY-MM-DD` in `timeZone`; `start` opens the first. */
export interface StatsWindow {
  timeZone: string;
  days: string[];
  start: SQL;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Node's Intl and PostgreSQL each carry their own copy of the time zone database, and they
 * disagree at the edges (Node takes 'US/Pacific-New', PostgreSQL no longer has it): the
 * window's SQL would fail on a name only Node knows, so PostgreSQL is asked too. Its answer
 * only changes with a server upgrade: kept per name, for as many names as anyone sends.
 */
const knownToPostgres = new Map<string, boolean>();
const MAX_REMEMBERED_ZONES = 1000;

async function assertPostgresTimeZone(timeZone: string, tx: DbOrTx) {
  let known = knownToPostgres.get(timeZone);
  if (known === undefined) {
    const rows = (await tx.execute(
      sql`select 1 from pg_timezone_names where name = ${timeZone}`,
    )) as unknown as unknown[];
    known = rows.length > 0;
    if (knownToPostgres.size >= MAX_REMEMBERED_ZONES) knownToPostgres.clear();
    knownToPostgres.set(timeZone, known);
  }
  if (!known) {
    throw new AppError('BAD_REQUEST', TIME_ZONE_MESSAGE, [
      { field: 'timeZone', message: TIME_ZONE_MESSAGE },
    ]);
  }
}

export async function statsWindow(
  input: z.input<typeof DashboardInput>,
  tx: DbOrTx = db,
): Promise<StatsWindow> {
  const { days, timeZone } = DashboardInput.parse(input);
  await assertPostgresTimeZone(timeZone, tx);
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
