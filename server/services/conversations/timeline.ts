import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { events, users } from '../../db/schema';
import { assertAccess, loadConversation } from './access';
import { type Happening, happeningsOf, type TimelineEvent } from './timeline-events';

/** The newest entries a thread shows: a conversation handed around for months is read, not dumped. */
export const THREAD_TIMELINE = 300;

/** The outbox's event types the timeline reads (a reopen is a status event from `ended`). */
const TIMELINE_TYPES = [
  'conversation:assigned',
  'conversation:status',
  'conversation:ended',
  'conversation:handoff',
];

/** Of the many `conversation:updated` events, the snoozes (snooze.ts names snoozedUntil). */
const SNOOZES = and(
  eq(events.type, 'conversation:updated'),
  sql`${events.payload} -> 'snoozedUntil' is not null`,
);

export type TimelineKind = Happening['kind'];

interface Person {
  id: number;
  name: string;
}

/** One thing that happened to the conversation, as the agents' thread draws it. */
export interface TimelineEntry {
  /** The event's id: the entries' order, and the key the console dedupes on. */
  id: number;
  kind: TimelineKind;
  /** Who did it; null for the bot, auto-assignment, a job, or an account that no longer exists. */
  actor: Person | null;
  /** Auto-assignment's strategy when it assigned (`least_loaded`, `round_robin`, or `auto`). */
  policy: string | null;
  /** Who the conversation went to (assigned, takeover); who had it (unassigned, release). */
  assignee: Person | null;
  /** The bot's handoff reason; `idle` or `flow` for an end nobody clicked. */
  reason: string | null;
  /** The status set, for a plain status change; a snooze's end (null: brought back now). */
  status: string | null;
  at: Date;
}

/**
 * Who did what in a conversation the actor may act on: assignments (by whom, or by
 * auto-assignment), takeovers, releases, the bot's handoffs, ends, reopens, snoozes. Oldest
 * first, the newest THREAD_TIMELINE. The outbox is the record; each payload is read field by
 * field, and one of an unknown shape is left out (timeline-events.ts). Agents' reading only: the
 * customer-facing gateway maps none of these events and no contract reads this.
 */
export async function conversationTimeline(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<TimelineEntry[]> {
  const conversation = await loadConversation(actor, ref, tx);
  assertAccess(actor, conversation);
  const rows = await tx
    .select({
      id: events.id,
      type: events.type,
      payload: events.payload,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(
      and(
        eq(events.conversationId, conversation.id),
        eq(events.workspaceId, actor.workspaceId),
        or(inArray(events.type, TIMELINE_TYPES), SNOOZES),
      ),
    )
    .orderBy(desc(events.id))
    .limit(THREAD_TIMELINE);
  const happenings = happeningsOf(rows.reverse() as TimelineEvent[]);
  const people = await namesOf(
    actor.workspaceId,
    happenings.flatMap((h) => [h.actorId, h.assigneeId]),
    tx,
  );
  const person = (id: number | null) => (id === null ? null : (people.get(id) ?? null));
  return happenings.map((h) => ({
    id: h.id,
    kind: h.kind,
    actor: person(h.actorId),
    policy: h.policy,
    assignee: person(h.assigneeId),
    reason: h.reason,
    status: h.status,
    at: h.at,
  }));
}

/** Everyone the entries name, in one query; an id of nobody in the workspace is not a name. */
async function namesOf(
  workspaceId: number,
  ids: (number | null)[],
  tx: DbOrTx,
): Promise<Map<number, Person>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, wanted)));
  return new Map(rows.map((u) => [u.id, u]));
}
