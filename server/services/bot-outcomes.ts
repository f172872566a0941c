import { sql } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import { dayOf, type StatsWindow } from './stats-window';

/** Reasons a handoff gave, grouped by their first characters (a model writes them freely). */
const REASON_CHARS = 120;
/** The most frequent reasons listed; the rest are summed as "other". */
const TOP_REASONS = 8;

const share = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * What the bot did with the conversations it handled (issue 21; definitions in
 * docs/dashboard.md): of the customer conversations with a chatbot that ended in the window,
 * those it resolved (no handoff ever, no operator message) and those it handed to people;
 * and the handoffs of the window by reason. The handoff's event is the record: a release
 * clears the conversation's handoff columns, and a person did take over.
 */
export async function botOutcomes(actor: Actor, w: StatsWindow, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const endedAt = sql`coalesce(c.ended_at, c.updated_at)`;
  const ended = (await tx.execute(sql`
    select ${dayOf(endedAt, w)} as day, count(*)::int as handled,
      count(*) filter (where not o.handed_off and not o.operator_wrote)::int as resolved,
      count(*) filter (where o.handed_off)::int as handed_off
    from conversations c
    cross join lateral (
      select exists (
          select 1 from events e
          where e.conversation_id = c.id and e.workspace_id = c.workspace_id
            and e.type = 'conversation:handoff'
        ) or c.handoff_at is not null as handed_off,
        exists (
          select 1 from messages m
          where m.conversation_id = c.id and m.workspace_id = c.workspace_id
            and m.origin = 'operator'
        ) as operator_wrote
    ) o
    where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
      and c.chatbot_id is not null and c.status = 'ended' and ${endedAt} >= ${w.start}
    group by 1`)) as unknown as {
    day: string;
    handled: number;
    resolved: number;
    handed_off: number;
  }[];
  const reasons = (await tx.execute(sql`
    select ${dayOf(sql`e.created_at`, w)} as day,
      coalesce(nullif(left(btrim(e.payload->>'reason'), ${REASON_CHARS}), ''), 'no reason given')
        as reason,
      count(*)::int as n
    from events e
    join conversations c on c.id = e.conversation_id and c.workspace_id = e.workspace_id
    where e.workspace_id = ${actor.workspaceId} and e.type = 'conversation:handoff'
      and c.kind = 'customer' and e.created_at >= ${w.start}
    group by 1, 2`)) as unknown as { day: string; reason: string; n: number }[];

  const totals = new Map<string, number>();
  for (const r of reasons) totals.set(r.reason, (totals.get(r.reason) ?? 0) + r.n);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked.slice(0, TOP_REASONS).map(([reason, count]) => ({ reason, count }));
  const others = ranked.slice(TOP_REASONS).reduce((n, [, count]) => n + count, 0);
  if (others) top.push({ reason: 'other', count: others });

  const perDay = w.days.map((day) => {
    const r = ended.find((x) => x.day === day);
    const handled = r?.handled ?? 0;
    const resolved = r?.resolved ?? 0;
    const handedOff = r?.handed_off ?? 0;
    return {
      day,
      handled,
      resolved,
      handedOff,
      resolutionRate: share(resolved, handled),
      handoffRate: share(handedOff, handled),
      handoffs: reasons.filter((x) => x.day === day).reduce((n, x) => n + x.n, 0),
    };
  });
  const handled = perDay.reduce((n, d) => n + d.handled, 0);
  const resolved = perDay.reduce((n, d) => n + d.resolved, 0);
  const handedOff = perDay.reduce((n, d) => n + d.handedOff, 0);
  return {
    handled,
    resolved,
    handedOff,
    resolutionRate: share(resolved, handled),
    handoffRate: share(handedOff, handled),
    handoffReasons: top,
    perDay,
  };
}
