import { eq, sql } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { adapterFor } from '../../channels';
import { PermanentSendError } from '../../channels/types';
import { db } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { conversations, integrations, messages } from '../../db/schema';
import { advanceDeliveryStatus } from '../../services/messages/status';

const Payload = z.object({ messageId: z.number().int().positive() });

/**
 * Sends one outbound message through its channel. Only a pending message is sent, and its
 * provider id is stored with the new status, so a retried job does not send it again.
 */
export const outgoingMessage: Task = async (raw) => {
  const { messageId } = Payload.parse(raw);
  const [row] = await preparedQuery(db, 'outgoing-message', (t) =>
    t
      .select({ message: messages, conversation: conversations, integration: integrations })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .leftJoin(integrations, eq(integrations.id, conversations.integrationId))
      .where(eq(messages.id, sql.placeholder('id'))),
  ).execute({ id: messageId });
  if (row?.message.status !== 'pending' || row.message.direction !== 'outbound') return;
  const adapter = adapterFor(row.conversation.channel);
  if (!adapter) {
    await advanceDeliveryStatus(messageId, {
      status: 'failed',
      errorCode: 'channel_unavailable',
      errorTitle: `No adapter for channel ${row.conversation.channel}`,
    });
    return;
  }
  try {
    const result = await adapter.send(row);
    const { externalId } = result;
    // The provider's id and the status together; the widget has no id: one statement.
    if (!externalId) await advanceDeliveryStatus(messageId, { status: result.status });
    else
      await db.transaction(async (tx) => {
        await tx.update(messages).set({ externalId }).where(eq(messages.id, messageId));
        await advanceDeliveryStatus(messageId, { status: result.status }, tx);
      });
  } catch (err) {
    if (err instanceof PermanentSendError) {
      await advanceDeliveryStatus(messageId, {
        status: 'failed',
        errorCode: err.code,
        errorTitle: err.message,
      });
      return;
    }
    throw err;
  }
};
