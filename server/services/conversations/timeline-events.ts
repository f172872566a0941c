/** One outbox row the timeline reads, oldest first. */
export interface TimelineEvent {
  id: number;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** What happened, with people as ids still: timeline.ts names them in one query. */
export interface Happening {
  id: number;
  kind:
    | 'assigned'
    | 'unassigned'
    | 'takeover'
    | 'release'
    | 'handoff'
    | 'ended'
    | 'reopened'
    | 'snoozed'
    | 'status';
  actorId: number | null;
  policy: string | null;
  assigneeId: number | null;
  reason: string | null;
  status: string | null;
  at: Date;
}

type Payload = Record<string, unknown>;

const INT4_MAX = 2_147_483_647;

/** A user id as the services write it; anything else (a string, a float, a huge number) is none. */
const userId = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= INT4_MAX ? v : null;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A snooze's end as an ISO time, or none: the console formats it as a date. */
const time = (v: unknown): string | null => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/** `by` as the services write it: a user id, the word auto-assignment, or null (a job, the bot). */
function byOf(p: Payload): { actorId: number | null; policy: string | null } | undefined {
  const by = p.by;
  if (by === undefined || by === null) return { actorId: null, policy: null };
  if (by === 'auto-assignment') return { actorId: null, policy: text(p.strategy) ?? 'auto' };
  const id = userId(by);
  return id === null ? undefined : { actorId: id, policy: null };
}

interface Assigned {
  assigneeId: number | null;
  previousId: number | null;
  actorId: number | null;
  policy: string | null;
}

function assignedOf(p: Payload): Assigned | undefined {
  const by = byOf(p);
  if (!by) return undefined;
  const assigneeId = userId(p.assignedUserId);
  if (assigneeId === null && p.assignedUserId !== null) return undefined;
  const previousId = userId(p.previousUserId);
  if (previousId === null && p.previousUserId !== null && p.previousUserId !== undefined)
    return undefined;
  return { assigneeId, previousId, ...by };
}

interface StatusChange {
  status: string;
  previous: string | null;
  actorId: number | null;
}

function statusOf(p: Payload): StatusChange | undefined {
  const by = byOf(p);
  const status = text(p.status);
  if (!by || !status || by.policy !== null) return undefined;
  return { status, previous: text(p.previous), actorId: by.actorId };
}

const base = (e: TimelineEvent) => ({
  id: e.id,
  actorId: null,
  policy: null,
  assigneeId: null,
  reason: null,
  status: null,
  at: e.createdAt,
});

/** An assignment change: to someone (by themselves: a takeover), or to nobody. */
function assignment(e: TimelineEvent, a: Assigned): Happening {
  const { actorId, policy } = a;
  if (a.assigneeId === null)
    return { ...base(e), kind: 'unassigned', actorId, assigneeId: a.previousId };
  const kind = actorId === a.assigneeId ? 'takeover' : 'assigned';
  return { ...base(e), kind, actorId, policy, assigneeId: a.assigneeId };
}

/** A status change told alone (no assignment came with it). */
function statusChange(e: TimelineEvent, s: StatusChange): Happening {
  const actorId = s.actorId;
  if (s.previous === 'ended' && s.status !== 'ended')
    return { ...base(e), kind: 'reopened', actorId };
  if (s.status === 'active' && s.previous === 'paused')
    return { ...base(e), kind: 'release', actorId };
  return { ...base(e), kind: 'status', actorId, status: s.status };
}

function ended(e: TimelineEvent, p: Payload): Happening | null {
  const by = byOf(p);
  if (!by || by.policy !== null) return null;
  const reason = p.reason === 'idle' ? 'idle' : p.nodeId !== undefined ? 'flow' : null;
  return { ...base(e), kind: 'ended', actorId: by.actorId, reason };
}

function handoff(e: TimelineEvent, p: Payload): Happening | null {
  if (p.reason !== undefined && p.reason !== null && typeof p.reason !== 'string') return null;
  return { ...base(e), kind: 'handoff', reason: text(p.reason) };
}

/**
 * A snooze set or cleared (snooze.ts writes it as `conversation:updated`, with snoozedUntil):
 * until a time, or null when the agent brought the conversation back.
 */
function snoozed(e: TimelineEvent, p: Payload): Happening | null {
  if (!('snoozedUntil' in p)) return null;
  const by = byOf(p);
  const until = time(p.snoozedUntil);
  if (!by || by.policy !== null || (until === null && p.snoozedUntil !== null)) return null;
  return { ...base(e), kind: 'snoozed', actorId: by.actorId, status: until };
}

/** An event that stands alone (not the assignment half of a takeover or a release). */
function single(e: TimelineEvent, p: Payload): Happening | null {
  switch (e.type) {
    case 'conversation:assigned': {
      const a = assignedOf(p);
      return a ? assignment(e, a) : null;
    }
    case 'conversation:ended':
      return ended(e, p);
    case 'conversation:handoff':
      return handoff(e, p);
    case 'conversation:updated':
      return snoozed(e, p);
    default:
      return null;
  }
}

const payloadOf = (e: TimelineEvent): Payload | null =>
  typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload)
    ? (e.payload as Payload)
    : null;

/**
 * The events read as happenings. A takeover and a release each write a status event and an
 * assignment event in one transaction (lifecycle.ts, operator-message.ts), and so does a reopen:
 * the pair is told once, as what the agent did. A payload of another shape is skipped, never guessed at.
 */
export function happeningsOf(list: TimelineEvent[]): Happening[] {
  const out: Happening[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const p = payloadOf(e);
    if (!p) continue;
    if (e.type === 'conversation:status') {
      const s = statusOf(p);
      if (!s) continue;
      const next = list[i + 1];
      const nextPayload = next?.type === 'conversation:assigned' ? payloadOf(next) : null;
      const a = nextPayload ? assignedOf(nextPayload) : undefined;
      const sameChange =
        a && a.actorId === s.actorId && next!.createdAt.getTime() === e.createdAt.getTime();
      if (sameChange && s.previous === 'ended') {
        // A reopen assigns the conversation to whoever reopens it: one line, the reopen.
        out.push({ ...base(e), kind: 'reopened', actorId: s.actorId, assigneeId: a.assigneeId });
        i++;
      } else if (sameChange && s.status === 'active' && a.assigneeId === null) {
        out.push({ ...base(next!), kind: 'release', actorId: a.actorId, assigneeId: a.previousId });
        i++;
      } else if (sameChange && s.status === 'paused' && a.assigneeId !== null) {
        out.push(assignment(next!, a));
        i++;
      } else out.push(statusChange(e, s));
      continue;
    }
    const h = single(e, p);
    if (h) out.push(h);
  }
  return out;
}
