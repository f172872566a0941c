import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { events } from '../db/schema';

/** Every realtime event type, named as seed 003 names its WebSocket events where it does. */
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
  | 'user:availability'
  | 'assignment:run'
  | 'message:created'
  | 'message:status'
  | 'typing';

export const EVENTS_CHANNEL = 'inbox_events';

export interface NewEvent {
  workspaceId: number;
  type: EventType;
  conversationId?: number | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends to the outbox inside the caller's transaction. pg_notify is transactional too: the
 * announcement (ids only) goes out at commit, never for a rolled-back change.
 */
export async function appendEvent(tx: DbOrTx, event: NewEvent): Promise<number> {
  const [row] = await tx
    .insert(events)
    .values({
      workspaceId: event.workspaceId,
      type: event.type,
      conversationId: event.conversationId ?? null,
      payload: event.payload ?? {},
    })
    .returning({ id: events.id });
  await tx.execute(
    sql`select pg_notify(${EVENTS_CHANNEL}, ${`${event.workspaceId}:${row!.id}:${event.conversationId ?? ''}`})`,
  );
  return row!.id;
}

/** Many events in one statement and one announcement (bulk operations such as auto-assignment). */
export async function appendEvents(tx: DbOrTx, list: NewEvent[]): Promise<void> {
  if (list.length === 0) return;
  const rows = await tx
    .insert(events)
    .values(
      list.map((e) => ({
        workspaceId: e.workspaceId,
        type: e.type,
        conversationId: e.conversationId ?? null,
        payload: e.payload ?? {},
      })),
    )
    .returning({ id: events.id });
  const last = rows.at(-1)!;
  await tx.execute(
    sql`select pg_notify(${EVENTS_CHANNEL}, ${`${list[0]!.workspaceId}:${last.id}:`})`,
  );
}
