import { sql } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import { dayOf, type StatsWindow } from './stats-window';

/**
 * Customer satisfaction on the dashboard (docs/dashboard.md, CSAT): the ratings answered in the
 * window, counted on the day answered in the viewer's time zone, overall, per day and per agent
 * (the agent assigned when the conversation ended; none: the bot's, or nobody's). Each figure
 * is the average, the count and the distribution over 1..5. A rating replaced is counted once,
 * as it stands now.
 */

export interface CsatFigure {
  /** Mean rating, null with no rating. */
  average: number | null;
  count: number;
  /** Ratings 1..5: distribution[0] is the number of 1s. */
  distribution: [number, number, number, number, number];
}

const empty = (): CsatFigure => ({ average: null, count: 0, distribution: [0, 0, 0, 0, 0] });

function add(f: CsatFigure, rating: number, n: number) {
  const sum = (f.average ?? 0) * f.count + rating * n;
  f.count += n;
  f.distribution[rating - 1]! += n;
  f.average = sum / f.count;
}

export async function csatStats(actor: Actor, w: StatsWindow, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const rows = (await tx.execute(sql`
    select ${dayOf(sql`r.answered_at`, w)} as day,
      r.user_id as "userId", u.name, r.rating::int as rating, count(*)::int as n
    from csat_responses r
    left join users u on u.id = r.user_id
    where r.workspace_id = ${actor.workspaceId} and r.rating is not null
      and r.answered_at >= ${w.start}
    group by 1, 2, 3, 4`)) as unknown as {
    day: string;
    userId: number | null;
    name: string | null;
    rating: number;
    n: number;
  }[];
  const [asked] = (await tx.execute(sql`
    select count(*)::int as n from csat_responses r
    where r.workspace_id = ${actor.workspaceId} and r.asked_at >= ${w.start}`)) as unknown as {
    n: number;
  }[];
  const overall = empty();
  const days = new Map(w.days.map((d) => [d, empty()]));
  const agents = new Map<
    number | null,
    CsatFigure & { userId: number | null; name: string | null }
  >();
  for (const r of rows) {
    add(overall, r.rating, r.n);
    const day = days.get(r.day);
    if (day) add(day, r.rating, r.n);
    let agent = agents.get(r.userId);
    if (!agent) {
      agent = { userId: r.userId, name: r.name, ...empty() };
      agents.set(r.userId, agent);
    }
    add(agent, r.rating, r.n);
  }
  return {
    ...overall,
    /** Surveys asked in the window, answered or not (the response rate's denominator). */
    asked: asked?.n ?? 0,
    perDay: w.days.map((day) => ({ day, ...days.get(day)! })),
    // Most ratings first; the row without an agent last.
    perAgent: [...agents.values()].sort(
      (a, b) =>
        Number(a.userId === null) - Number(b.userId === null) ||
        b.count - a.count ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    ),
  };
}
