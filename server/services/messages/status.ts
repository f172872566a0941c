import { type AnyColumn, and, eq, inArray, sql } from 'drizzle-orm';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../shared/enums';
import { type DbOrTx, db } from '../../db/client';
import { type Message, messages } from '../../db/schema';
import { appendEvent } from '../events';

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
 * (returns null); skipping ahead fills the timestamps passed over. The update and its event are
 * one transaction: the caller's, or one of its own.
 */
export async function advanceDeliveryStatus(
  messageId: number,
  change: StatusChange,
  tx: DbOrTx = db,
): Promise<Message | null> {
  if (tx === db) return db.transaction((own) => advanceDeliveryStatus(messageId, change, own));
  const at = change.at ?? new Date();
  const stamp = (col: AnyColumn) => sql`coalesce(${col}, ${at.toISOString()}::timestamptz)`;
  const rank = DELIVERY_STATUSES.indexOf(change.status);
  const [row] = await tx
    .update(messages)
    .set({
      status: change.status,
      updatedAt: new Date(),
      ...(change.status !== 'failed' && rank >= 1 ? { sentAt: stamp(messages.sentAt) } : {}),
      ...(change.status !== 'failed' && rank >= 2
        ? { deliveredAt: stamp(messages.deliveredAt) }
        : {}),
      ...(change.status === 'read' ? { readAt: stamp(messages.readAt) } : {}),
      ...(change.status === 'failed'
        ? {
            failedAt: at,
            errorCode: change.errorCode ?? null,
            errorTitle: change.errorTitle ?? null,
          }
        : {}),
    })
    .where(and(eq(messages.id, messageId), inArray(messages.status, allowedFrom(change.status))))
    .returning();
  if (!row) return null;
  await appendEvent(tx, {
    workspaceId: row.workspaceId,
    type: 'message:status',
    conversationId: row.conversationId,
    payload: {
      messageId: row.id,
      status: row.status,
      ...(row.status === 'failed' ? { errorCode: row.errorCode, errorTitle: row.errorTitle } : {}),
    },
  });
  return row;
}
