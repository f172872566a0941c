import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { db } from '../db/client';
import type { Message } from '../db/schema';
import { logger } from '../logger';
import { EVENTS_CHANNEL } from '../services/events';

/** An outbox event with what subscribers need to filter and render it, loaded in one query. */
export interface HubEvent {
  id: number;
  workspaceId: number;
  type: string;
  conversationId: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  conversation: {
    uuid: string;
    kind: 'customer' | 'direct';
    assignedUserId: number | null;
    assignedBotId: number | null;
    chatbotId: number | null;
    externalUserId: string | null;
  } | null;
  message: Message | null;
}

type Listener = (event: HubEvent) => void;

const BATCH = 500;
/** How long a missing id (a transaction still open, or rolled back) holds later events back. */
const GAP_WAIT_MS = 2_000;
/** While a missing id holds events back, how often to look whether its writer has ended. */
const GAP_RECHECK_MS = 25;
const log = logger.child({ component: 'hub' });

interface Row {
  id: string;
  workspace_id: number;
  type: string;
  conversation_id: number | null;
  payload: Record<string, unknown>;
  created_at: Date;
  c_uuid: string | null;
  c_kind: 'customer' | 'direct' | null;
  c_assigned_user_id: number | null;
  c_assigned_bot_id: number | null;
  c_chatbot_id: number | null;
  c_external_user_id: string | null;
  m: Record<string, unknown> | null;
}

function toMessage(m: Record<string, unknown> | null): Message | null {
  if (!m) return null;
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    id: m.id as number,
    uuid: m.uuid as string,
    workspaceId: m.workspace_id as number,
    conversationId: m.conversation_id as number,
    integrationId: m.integration_id as number | null,
    direction: m.direction as Message['direction'],
    origin: m.origin as Message['origin'],
    type: m.type as Message['type'],
    content: m.content as Record<string, unknown>,
    metadata: m.metadata as Record<string, unknown>,
    senderUserId: m.sender_user_id as number | null,
    status: m.status as Message['status'],
    sentAt: date(m.sent_at),
    deliveredAt: date(m.delivered_at),
    readAt: date(m.read_at),
    failedAt: date(m.failed_at),
    errorCode: m.error_code as string | null,
    errorTitle: m.error_title as string | null,
    externalId: m.external_id as string | null,
    idempotencyKey: m.idempotency_key as string | null,
    requestHash: m.request_hash as string | null,
    replyToMessageId: m.reply_to_message_id as number | null,
    createdAt: date(m.created_at)!,
    updatedAt: date(m.updated_at)!,
  };
}

function toEvent(r: Row): HubEvent {
  return {
    id: Number(r.id),
    workspaceId: r.workspace_id,
    type: r.type,
    conversationId: r.conversation_id,
    payload: r.payload,
    createdAt: new Date(r.created_at),
    conversation: r.c_uuid
      ? {
          uuid: r.c_uuid,
          kind: r.c_kind ?? 'customer',
          assignedUserId: r.c_assigned_user_id,
          assignedBotId: r.c_assigned_bot_id,
          chatbotId: r.c_chatbot_id,
          externalUserId: r.c_external_user_id,
        }
      : null,
    message: toMessage(r.m),
  };
}

/**
 * Events after `afterId` (optionally one workspace's or one conversation's), each with its
 * conversation's current assignment and, for message events, the message row.
 */
export async function loadEvents(
  afterId: number,
  scope: { workspaceId?: number; conversationId?: number; untilId?: number } = {},
  limit = BATCH,
): Promise<HubEvent[]> {
  const rows = (await db.execute(sql`
    select e.id, e.workspace_id, e.type, e.conversation_id, e.payload, e.created_at,
           c.uuid as c_uuid, c.kind as c_kind, c.assigned_user_id as c_assigned_user_id, c.assigned_bot_id as c_assigned_bot_id,
           c.chatbot_id as c_chatbot_id, c.external_user_id as c_external_user_id,
           to_jsonb(m) as m
    from events e
    left join conversations c on c.id = e.conversation_id
    left join messages m on m.id = (e.payload->>'messageId')::int and e.type like 'message:%'
    where e.id > ${afterId}
      ${scope.workspaceId === undefined ? sql`` : sql`and e.workspace_id = ${scope.workspaceId}`}
      ${scope.conversationId === undefined ? sql`` : sql`and e.conversation_id = ${scope.conversationId}`}
      ${scope.untilId === undefined ? sql`` : sql`and e.id <= ${scope.untilId}`}
    order by e.id
    limit ${limit}`)) as unknown as Row[];
  return rows.map(toEvent);
}

/**
 * One LISTEN connection per process fans committed events out to this process's subscribers,
 * strictly in id order. NOTIFY carries ids only; the rows are read from the outbox, so a missed
 * notification (a dropped connection) is caught up on re-listen.
 */
export class EventHub {
  private listeners = new Set<Listener>();
  private cursor = 0;
  /** The first missing id: when it was first seen, and PostgreSQL's clock soon after. */
  private gap: { id: number; since: number; dbTime?: Date } | undefined;
  /** Missing ids given up on: once no transaction that could write them was left, or on time. */
  readonly gapsSkipped = { writersEnded: 0, timedOut: 0 };
  private draining = false;
  private dirty = false;
  private retry: NodeJS.Timeout | undefined;
  private listenHandle: { unlisten(): Promise<void> } | undefined;
  private stopped = false;

  async start(client: postgres.Sql): Promise<void> {
    this.stopped = false;
    const [row] = (await db.execute(
      sql`select coalesce(max(id), 0)::bigint as max from events`,
    )) as unknown as [{ max: string }];
    this.cursor = Number(row?.max ?? 0);
    // postgres.js re-runs LISTEN after a reconnect and calls onlisten again: catch up then.
    this.listenHandle = await client.listen(
      EVENTS_CHANNEL,
      () => this.kick(),
      () => this.kick(),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.listenHandle?.unlisten().catch(() => {});
    this.listeners.clear();
  }

  get position(): number {
    return this.cursor;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called on every notification; coalesces bursts into sequential batch reads. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.dirty = true;
      return;
    }
    this.draining = true;
    void this.drain()
      .catch((err) => {
        log.error({ err }, 'event fan-out failed; retrying');
        this.schedule(500);
      })
      .finally(() => {
        this.draining = false;
      });
  }

  private schedule(ms: number) {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.kick(), ms);
    this.retry.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.dirty = false;
      const events = await loadEvents(this.cursor);
      let held = this.dispatch(events);
      // A gap is usually a transaction a moment from its commit, whose NOTIFY comes next: look
      // at the writers only once it has lasted a recheck.
      const lasting = held && Date.now() - (this.gap?.since ?? 0) >= GAP_RECHECK_MS;
      if (lasting && (await this.gapWritersEnded())) {
        // Nothing can write the missing id any more: read again, and if it is still missing
        // (its transaction rolled back), go on without it.
        held = this.dispatch(await loadEvents(this.cursor), this.cursor + 1);
      }
      if (held) this.schedule(GAP_RECHECK_MS);
      if (!this.dirty && (events.length < BATCH || held)) return;
    }
  }

  /**
   * Whether every transaction that could still write the first missing id has ended. Its writer
   * took the id before a later event committed, so before the gap was seen: once no session of
   * ours has a transaction that began before then, the id will never appear. A session whose
   * activity PostgreSQL hides (another role's) counts as still open.
   */
  private async gapWritersEnded(): Promise<boolean> {
    const gap = this.gap;
    if (!gap) return false;
    if (!gap.dbTime) {
      const [row] = (await db.execute(sql`select clock_timestamp() as t`)) as unknown as [
        { t: string },
      ];
      gap.dbTime = new Date(row.t);
      return false;
    }
    const [row] = (await db.execute(sql`select not exists (
      select 1 from pg_stat_activity
      where backend_type = 'client backend' and pid <> pg_backend_pid()
        and (xact_start < ${gap.dbTime.toISOString()}::timestamptz or state is null)
    ) as ended`)) as unknown as [{ ended: boolean }];
    return row.ended;
  }

  /**
   * Dispatches in order; returns true when a gap holds the rest back for now. `abandoned`: a
   * missing id no transaction can write any more.
   */
  private dispatch(events: HubEvent[], abandoned?: number): boolean {
    const now = Date.now();
    for (const event of events) {
      if (event.id <= this.cursor) continue;
      const missing = this.cursor + 1;
      if (event.id !== missing) {
        if (this.gap?.id !== missing) this.gap = { id: missing, since: now };
        if (missing !== abandoned && now - this.gap.since < GAP_WAIT_MS) return true;
        // A rolled-back transaction left the ids unused: stop waiting for them.
        if (missing === abandoned) this.gapsSkipped.writersEnded++;
        else this.gapsSkipped.timedOut++;
      }
      this.gap = undefined;
      this.cursor = event.id;
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (err) {
          log.error({ err, eventId: event.id }, 'event listener failed');
        }
      }
    }
    return false;
  }
}

export const hub = new EventHub();
