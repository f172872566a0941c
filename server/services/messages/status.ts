import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../shared/enums';
import type { MessagingCaller } from '../../auth/messaging-caller';
import type { ProviderStatus } from '../../channels/types';
import { type DbOrTx, db } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type Message, messages } from '../../db/schema';
import { notFound } from '../../errors';
import { loadConversation } from '../conversations/access';
import { refOf } from '../ids';
import { assertCallerOwns } from './caller-access';

/** Statuses a message may move to from each one: only ever forward; failed only before delivery. */
function allowedFrom(next: DeliveryStatus): DeliveryStatus[] {
  if (next === 'failed') return ['pending', 'sent'];
  const rank = DELIVERY_STATUSES.indexOf(next);
  return DELIVERY_STATUSES.filter((s, i) => i < rank && s !== 'failed');
}

export interface StatusChange {
  status: DeliveryStatus;
  at?: Date;
  errorCode?: string | null;
  errorTitle?: string | null;
}

/**
 * Moves a message's delivery status forward. A late "delivered" after "read" changes nothing
 * (returns null); skipping ahead fills the timestamps passed over. The update and its
 * `message:status` event are one statement (append_event in the same query), so they are
 * written together or not at all, without a transaction of their own: a status change is one
 * round trip (the widget's delivered and read updates, the outgoing job's sent).
 */
export async function advanceDeliveryStatus(
  messageId: number,
  change: StatusChange,
  tx: DbOrTx = db,
): Promise<Message | null> {
  const at = (change.at ?? new Date()).toISOString();
  const rank = DELIVERY_STATUSES.indexOf(change.status);
  const failed = change.status === 'failed';
  const rows = (await tx.execute(sql`
    with u as (
      update messages set
        status = ${change.status}::delivery_status,
        updated_at = now(),
        sent_at = case when ${!failed && rank >= 1}::boolean
          then coalesce(sent_at, ${at}::timestamptz) else sent_at end,
        delivered_at = case when ${!failed && rank >= 2}::boolean
          then coalesce(delivered_at, ${at}::timestamptz) else delivered_at end,
        read_at = case when ${change.status === 'read'}::boolean
          then coalesce(read_at, ${at}::timestamptz) else read_at end,
        failed_at = case when ${failed}::boolean then ${at}::timestamptz else failed_at end,
        error_code = case when ${failed}::boolean then ${change.errorCode ?? null}::text
          else error_code end,
        error_title = case when ${failed}::boolean then ${change.errorTitle ?? null}::text
          else error_title end
      where id = ${messageId}::int
        and status = any(${`{${allowedFrom(change.status).join(',')}}`}::delivery_status[])
      returning *
    )
    select to_jsonb(u) as row, append_event(u.workspace_id, 'message:status', u.conversation_id,
      jsonb_build_object('messageId', u.id, 'status', u.status) || case when ${failed}::boolean
        then jsonb_build_object('errorCode', u.error_code, 'errorTitle', u.error_title)
        else '{}'::jsonb end) as event_id
    from u`)) as unknown as { row: Record<string, unknown> }[];
  const [first] = rows;
  return first ? rowFromJson(messages, first.row) : null;
}

/** A pushed reply waits at most this long for others to be marked delivered with it. */
const DELIVERED_WAIT_MS = 100;
/** Messages marked delivered in one statement at most. */
const DELIVERED_BATCH = 200;
const pushed: number[] = [];
let flushing: NodeJS.Timeout | undefined;

/**
 * Since the process started: the statements that marked pushed messages delivered, and the
 * messages in them (tests, diagnostics).
 */
export const deliveredStats = { statements: 0, messages: 0 };

/**
 * A message the widget gateway pushed to its visitor's socket becomes delivered, within
 * DELIVERED_WAIT_MS, in one statement with the others pushed meanwhile: every answered message
 * had a transaction of its own for it, a round trip and a commit (issue 19: the CPU per
 * answered message). Each still moves forward only (a late delivered after read changes
 * nothing) and gets its own `message:status` event, in the order of the messages' ids. A
 * process that dies within the wait leaves those messages sent, as one that died between the
 * push and the update did.
 */
export function markDelivered(messageId: number, onError: (err: unknown) => void): void {
  pushed.push(messageId);
  if (pushed.length >= DELIVERED_BATCH) {
    clearTimeout(flushing);
    flushing = undefined;
    void flushDelivered().catch(onError);
    return;
  }
  flushing ??= setTimeout(() => {
    flushing = undefined;
    void flushDelivered().catch(onError);
  }, DELIVERED_WAIT_MS);
}

/** Marks every message pushed so far delivered, now (markDelivered). */
export async function flushDelivered(): Promise<void> {
  const ids = pushed.splice(0, pushed.length).sort((a, b) => a - b);
  if (!ids.length) return;
  deliveredStats.statements++;
  deliveredStats.messages += ids.length;
  const at = new Date().toISOString();
  await db.execute(sql`
    with u as (
      update messages set status = 'delivered', updated_at = now(),
        sent_at = coalesce(sent_at, ${at}::timestamptz),
        delivered_at = coalesce(delivered_at, ${at}::timestamptz)
      where id = any(${`{${ids.join(',')}}`}::int[])
        and status = any(${`{${allowedFrom('delivered').join(',')}}`}::delivery_status[])
      returning id, workspace_id, conversation_id, status
    )
    select append_event(u.workspace_id, 'message:status', u.conversation_id,
      jsonb_build_object('messageId', u.id, 'status', u.status))
    from (select * from u order by u.id) u`);
}

/**
 * Applies a provider's delivery report to our message. Reports can arrive out of order (a read
 * before its delivered): the highest status wins, as advanceDeliveryStatus guarantees.
 */
export async function applyProviderStatus(
  integrationId: number,
  report: ProviderStatus,
): Promise<boolean> {
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.integrationId, integrationId), eq(messages.externalId, report.externalId)),
    );
  if (!message) return false;
  return (await advanceDeliveryStatus(message.id, report)) !== null;
}

/**
 * The visitor has seen the conversation (up to a message, or all of it): our outbound messages
 * become read.
 */
export async function markConversationRead(
  caller: MessagingCaller,
  ref: { conversationId: string | number; messageId?: string },
): Promise<void> {
  const c = await loadConversation(caller, ref.conversationId);
  assertCallerOwns(caller, c);
  let upTo: number | undefined;
  if (ref.messageId) {
    // The gateway's message ids are uuids: anything else names no message (and is no query).
    const named = refOf(ref.messageId);
    const [m] =
      named && 'uuid' in named
        ? await db
            .select({ id: messages.id })
            .from(messages)
            .where(and(eq(messages.uuid, named.uuid), eq(messages.conversationId, c.id)))
        : [];
    if (!m) throw notFound('Message');
    upTo = m.id;
  }
  const unread = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, c.id),
        eq(messages.direction, 'outbound'),
        upTo === undefined ? undefined : lte(messages.id, upTo),
        inArray(messages.status, ['pending', 'sent', 'delivered']),
      ),
    );
  for (const m of unread) await advanceDeliveryStatus(m.id, { status: 'read' });
}
