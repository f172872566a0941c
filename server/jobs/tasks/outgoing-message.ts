import { eq, sql } from 'drizzle-orm';
import type { Job, JobHelpers, Task } from 'graphile-worker';
import { adapterFor } from '../../channels';
import { PermanentSendError, type SendResult } from '../../channels/types';
import { db } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { conversations, integrations, messageSendAttempts, messages } from '../../db/schema';
import { tasks } from '../../queue/tasks';
import { outboundMediaOf } from '../../services/files/channel-media';
import { advanceDeliveryStatus } from '../../services/messages/status';
import { certainlyNotSent, sendFailure } from '../send-outcome';

const OUTCOME_UNKNOWN = 'outcome_unknown';

/** Marks a send whose outcome was lost: failed, for an operator (or the customer) to settle. */
function outcomeUnknown(messageId: number, why: string) {
  return advanceDeliveryStatus(messageId, {
    status: 'failed',
    errorCode: OUTCOME_UNKNOWN,
    errorTitle: `${why.slice(0, 300)}; it may have reached the customer and is not sent again`,
  });
}

/**
 * Whether graphile-worker will not run this job again. A task called directly (a test, a script)
 * has no job: it is not its last attempt.
 */
function lastAttempt(helpers: JobHelpers): boolean {
  const job = helpers.job as Job | undefined;
  return job !== undefined && job.attempts >= job.max_attempts;
}

/**
 * Records, committed before the provider is called, that a send to it began. Of two runs of one
 * job only one records it, and only that one calls the provider.
 */
async function startAttempt(messageId: number): Promise<boolean> {
  const started = await db
    .insert(messageSendAttempts)
    .values({ messageId })
    .onConflictDoNothing()
    .returning({ messageId: messageSendAttempts.messageId });
  return started.length > 0;
}

/**
 * Sends one outbound message through its channel. Only a pending message is sent, and its
 * provider id is stored with the new status, so a retried job does not send it again. A send
 * whose attempt began but recorded no outcome (the process died mid-call, or the call ended in a
 * way that does not say whether the provider took it) is not repeated: it fails with
 * `outcome_unknown`. A send that certainly did not go out is retried with the job's backoff; on
 * the job's last attempt it fails with the provider's answer instead of staying pending for good.
 */
export const outgoingMessage: Task = async (raw, helpers) => {
  const { messageId } = tasks.outgoingMessage.payload.parse(raw);
  const [row] = await preparedQuery(db, tasks.outgoingMessage.name, (t) =>
    t
      .select({
        message: messages,
        conversation: conversations,
        integration: integrations,
        attemptStartedAt: messageSendAttempts.startedAt,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .leftJoin(integrations, eq(integrations.id, conversations.integrationId))
      .leftJoin(messageSendAttempts, eq(messageSendAttempts.messageId, messages.id))
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
  // A media message's file, read before the attempt is recorded (its bytes only if the adapter
  // uploads them): a failure here has sent nothing and is retried as it is.
  const media = row.message.type === 'media' ? await outboundMediaOf(row.message) : undefined;
  // The widget calls no provider (its gateway delivers from the outbox): running it again is
  // harmless, so it skips the marker's round trip.
  const callsProvider = adapter.channel !== 'WIDGET';
  if (callsProvider) {
    if (row.attemptStartedAt) {
      await outcomeUnknown(
        messageId,
        'An earlier send was interrupted before its outcome was recorded',
      );
      return;
    }
    if (!(await startAttempt(messageId))) return;
  }
  let result: SendResult;
  try {
    result = await adapter.send({ ...row, media });
  } catch (err) {
    if (err instanceof PermanentSendError) {
      await advanceDeliveryStatus(messageId, {
        status: 'failed',
        errorCode: err.code,
        errorTitle: err.message,
      });
      return;
    }
    if (!callsProvider) throw err;
    if (!certainlyNotSent(err)) {
      await outcomeUnknown(messageId, `The send ended without an answer (${String(err)})`);
      return;
    }
    // Nothing went out: the next attempt may send.
    await db.delete(messageSendAttempts).where(eq(messageSendAttempts.messageId, messageId));
    if (!lastAttempt(helpers)) throw err;
    await advanceDeliveryStatus(messageId, { status: 'failed', ...sendFailure(err) });
    return;
  }
  const { externalId } = result;
  // The provider's id and the status together; the widget has no id: one statement.
  if (!externalId) await advanceDeliveryStatus(messageId, { status: result.status });
  else
    await db.transaction(async (tx) => {
      await tx.update(messages).set({ externalId }).where(eq(messages.id, messageId));
      await advanceDeliveryStatus(messageId, { status: result.status }, tx);
    });
};
