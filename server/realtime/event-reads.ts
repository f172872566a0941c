import { sql } from 'drizzle-orm';
import { db } from '../db/client';
import type { Message } from '../db/schema';

/*
 * The one module through which realtime reads the event outbox (and what the hub asks
 * PostgreSQL about transactions that may still write to it).
 */

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
  /**
   * Set on a signal: announced without being stored (the bot's typing), so it has no id of its
   * own. `id` is then the outbox id it follows; a resumed stream does not replay it.
   */
  signal?: true;
}

/** The LISTEN channel of signals (announce_typing): events announced without being stored. */
export const SIGNALS_CHANNEL = 'inbox_signals';

/** A signal as announce_typing sends it: the event and the outbox id it must not overtake. */
export function signalEvent(payload: string): HubEvent | null {
  try {
    const s = JSON.parse(payload) as Omit<HubEvent, 'id' | 'createdAt' | 'message'> & {
      after: number | string;
    };
    if (typeof s.type !== 'string' || typeof s.workspaceId !== 'number') return null;
    return {
      id: Number(s.after),
      workspaceId: s.workspaceId,
      type: s.type,
      conversationId: s.conversationId ?? null,
      payload: s.payload ?? {},
      createdAt: new Date(),
      conversation: s.conversation ?? null,
      message: null,
      signal: true,
    };
  } catch {
    return null;
  }
}

/**
 * An event as its announcement carries it (announce_event: the columns of the outbox read), or
 * null for an announcement by id only ("workspace:id:conversation"), which must be read.
 */
export function announcedEvent(payload: string): HubEvent | null {
  if (!payload.startsWith('{')) return null;
  try {
    return toEvent(JSON.parse(payload) as Row);
  } catch {
    return null;
  }
}

/** Events read from the outbox at a time. */
export const EVENT_BATCH = 500;

interface Row {
  id: string | number;
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
  limit = EVENT_BATCH,
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

/** The outbox's last id (0 when empty): where a starting hub begins. */
export async function latestEventId(): Promise<number> {
  const [row] = (await db.execute(
    sql`select coalesce(max(id), 0)::bigint as max from events`,
  )) as unknown as [{ max: string }];
  return Number(row?.max ?? 0);
}

/** PostgreSQL's clock (the one transactions' start times are on). */
export async function databaseNow(): Promise<Date> {
  const [row] = (await db.execute(sql`select clock_timestamp() as t`)) as unknown as [
    { t: string },
  ];
  return new Date(row.t);
}

/**
 * Whether no session of ours has a transaction that began before `t`. A session whose activity
 * PostgreSQL hides (another role's) counts as still open.
 */
export async function noTransactionBegunBefore(t: Date): Promise<boolean> {
  const [row] = (await db.execute(sql`select not exists (
    select 1 from pg_stat_activity
    where backend_type = 'client backend' and pid <> pg_backend_pid()
      and (xact_start < ${t.toISOString()}::timestamptz or state is null)
  ) as ended`)) as unknown as [{ ended: boolean }];
  return row.ended;
}
