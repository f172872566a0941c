import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Availability, CHANNELS, type Channel, type Role } from '../../shared/enums';
import { type Actor, requireRole } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import { botOutcomes } from './bot-outcomes';
import { csatStats } from './stats-csat';
import { DashboardInput, dayOf, type StatsWindow, statsWindow } from './stats-window';

export { DashboardInput, type StatsWindow, statsWindow };

/**
 * The supervisor dashboard's figures (definitions in docs/dashboard.md). Customer conversations
 * only: direct chats between users are not support work. Days are calendar days in
 * the viewer's time zone, so "today" is the supervisor's today.
 */

const rowsOf = <T>(result: unknown) => result as T[];

export type ChannelKey = Channel | 'OTHER';
export const CHANNEL_KEYS: ChannelKey[] = [...CHANNELS, 'OTHER'];

/** New customer conversations per day, split by channel (no channel → OTHER). */
export async function conversationsPerDay(actor: Actor, w: StatsWindow, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const rows = rowsOf<{ day: string; channel: ChannelKey; n: number }>(
    await tx.execute(sql`
      select ${dayOf(sql`c.created_at`, w)} as day,
        coalesce(c.channel::text, 'OTHER') as channel, count(*)::int as n
      from conversations c
      where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
        and c.created_at >= ${w.start}
      group by 1, 2`),
  );
  return w.days.map((day) => {
    const byChannel = Object.fromEntries(CHANNEL_KEYS.map((k) => [k, 0])) as Record<
      ChannelKey,
      number
    >;
    for (const r of rows) if (r.day === day) byChannel[r.channel] = r.n;
    return { day, byChannel, total: Object.values(byChannel).reduce((a, b) => a + b, 0) };
  });
}

/**
 * Seconds from a conversation's first inbound message to the first bot or operator message
 * after it, for conversations whose first inbound message falls in the window. The median of
 * those, overall and per day; conversations with no such reply yet are counted as unanswered.
 */
export async function firstResponseTimes(actor: Actor, w: StatsWindow, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const rows = rowsOf<{
    day: string | null;
    median: number | null;
    answered: number;
    unanswered: number;
  }>(
    await tx.execute(sql`
      with firsts as (
        select fi.created_at as inbound_at,
          (select m.created_at from messages m
            where m.conversation_id = c.id and m.workspace_id = c.workspace_id
              and m.direction = 'outbound' and m.origin in ('bot', 'operator')
              and (m.created_at, m.id) > (fi.created_at, fi.id)
            order by m.created_at, m.id limit 1) as reply_at
        from conversations c
        cross join lateral (
          select m.id, m.created_at from messages m
          where m.conversation_id = c.id and m.workspace_id = c.workspace_id
            and m.direction = 'inbound'
          order by m.created_at, m.id limit 1) fi
        where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
          and fi.created_at >= ${w.start}
      )
      select ${dayOf(sql`inbound_at`, w)} as day,
        percentile_cont(0.5) within group (
          order by extract(epoch from reply_at - inbound_at)::float8
        ) filter (where reply_at is not null) as median,
        count(reply_at)::int as answered,
        (count(*) - count(reply_at))::int as unanswered
      from firsts
      group by rollup (1)`),
  );
  const overall = rows.find((r) => r.day === null);
  return {
    medianSeconds: overall?.median ?? null,
    answered: overall?.answered ?? 0,
    unanswered: overall?.unanswered ?? 0,
    perDay: w.days.map((day) => {
      const r = rows.find((x) => x.day === day);
      return { day, medianSeconds: r?.median ?? null, answered: r?.answered ?? 0 };
    }),
  };
}

/**
 * Customer conversations ended in the window: human-handled when a user was ever assigned
 * (a `conversation:assigned` event naming a user, or an assignee still set), bot-resolved
 * otherwise. Counted on the day they ended.
 */
export async function resolutionSplit(actor: Actor, w: StatsWindow, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const endedAt = sql`coalesce(c.ended_at, c.updated_at)`;
  const rows = rowsOf<{ day: string; bot: number; human: number }>(
    await tx.execute(sql`
      select ${dayOf(endedAt, w)} as day,
        count(*) filter (where not h.human)::int as bot,
        count(*) filter (where h.human)::int as human
      from conversations c
      cross join lateral (
        select c.assigned_user_id is not null or exists (
          select 1 from events e
          where e.conversation_id = c.id and e.workspace_id = c.workspace_id
            and e.type = 'conversation:assigned' and e.payload->>'assignedUserId' is not null
        ) as human) h
      where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
        and c.status = 'ended' and ${endedAt} >= ${w.start}
      group by 1`),
  );
  const perDay = w.days.map((day) => {
    const r = rows.find((x) => x.day === day);
    return { day, botResolved: r?.bot ?? 0, humanHandled: r?.human ?? 0 };
  });
  return {
    botResolved: perDay.reduce((n, d) => n + d.botResolved, 0),
    humanHandled: perDay.reduce((n, d) => n + d.humanHandled, 0),
    perDay,
  };
}

/** Now, not over the window: open customer conversations per user, with effective capacity. */
export async function openLoadPerAgent(actor: Actor, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  return rowsOf<{
    userId: number;
    name: string;
    role: Role;
    availability: Availability;
    open: number;
    capacity: number | null;
  }>(
    await tx.execute(sql`
      select u.id as "userId", u.name, u.role, u.availability, count(c.id)::int as open,
        coalesce(u.capacity, (select p.default_capacity from assignment_policies p
                              where p.workspace_id = u.workspace_id)) as capacity
      from users u
      left join conversations c on c.assigned_user_id = u.id
        and c.workspace_id = u.workspace_id and c.kind = 'customer' and c.status <> 'ended'
      where u.workspace_id = ${actor.workspaceId}
      group by u.id
      order by open desc, u.name, u.id`),
  );
}

/** Every figure of the dashboard for the last `days` days. */
export async function dashboard(
  actor: Actor,
  input: z.input<typeof DashboardInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'supervisor');
  const w = await statsWindow(input, tx);
  const [perDay, firstResponse, resolution, bot, openLoad, csat] = await Promise.all([
    conversationsPerDay(actor, w, tx),
    firstResponseTimes(actor, w, tx),
    resolutionSplit(actor, w, tx),
    botOutcomes(actor, w, tx),
    openLoadPerAgent(actor, tx),
    csatStats(actor, w, tx),
  ]);
  return {
    timeZone: w.timeZone,
    days: w.days,
    channels: CHANNEL_KEYS,
    conversationsPerDay: perDay,
    firstResponse,
    resolution,
    bot,
    openLoad,
    csat,
  };
}
