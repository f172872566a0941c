import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events } from '../db/schema';

/** Every realtime event type, named as the CRM API names its WebSocket events where it does. */
export type EventType =
  | 'conversation:created'
  | 'conversation:updated'
  | 'conversation:assigned'
  | 'conversation:unread_reset'
  | 'conversation:read'
  | 'conversation:unread'
  | 'conversation:status'
  | 'conversation:ended'
  | 'conversation:deleted'
  | 'conversation:variable'
  | 'conversation:handoff'
  | 'conversation:window_closed'
  | 'csat:rated'
  | 'user:availability'
  | 'assignment:run'
  | 'note:created'
  | 'message:created'
  | 'message:status'
  | 'message:updated'
  | 'typing';

/** The LISTEN channel of the outbox; announce_event (the trigger's function) names it too. */
export const EVENTS_CHANNEL = 'inbox_events';

export interface NewEvent {
  workspaceId: number;
  type: EventType;
  conversationId?: number | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends to the outbox inside the caller's transaction, in one statement (the SQL function
 * append_event, which write_message uses for its event too: each round trip counts,
 * docs/performance.md). The announcement (on EVENTS_CHANNEL, carrying the event) goes out at
 * commit from a deferred trigger, never for a rolled-back change.
 */
export async function appendEvent(tx: DbOrTx, event: NewEvent): Promise<number> {
  const [row] = (await tx.execute(sql`select append_event(
    ${event.workspaceId}::int,
    ${event.type}::text,
    ${event.conversationId ?? null}::int,
    ${JSON.stringify(event.payload ?? {})}::text::jsonb) as id`)) as unknown as {
    id: string | number;
  }[];
  return Number(row!.id);
}

/**
 * Many events in one statement and one announcement (bulk operations such as auto-assignment),
 * passed as one JSON array: a row of parameters per event would make thousands of them. The
 * announcement names the last id only, so the hubs read them; inbox.bulk_events tells
 * announce_event not to announce each one at commit as well.
 */
export async function appendEvents(tx: DbOrTx, list: NewEvent[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    w: e.workspaceId,
    t: e.type,
    c: e.conversationId ?? null,
    p: e.payload ?? {},
  }));
  await tx.execute(sql`
    with e as (
      insert into ${events} (workspace_id, type, conversation_id, payload)
      select (x->>'w')::int, x->>'t', (x->>'c')::int, x->'p'
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as a(x, n)
      order by n
      returning id)
    select pg_notify(${EVENTS_CHANNEL}, ${`${list[0]!.workspaceId}:`} || max(e.id) || ':'),
      set_config('inbox.bulk_events', 'on', true)
    from e`);
}
