import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { chosenOption } from '../../../shared/flow';
import { customerMessage } from '../../../shared/i18n/customer-messages';
import type { InboundMessage } from '../../channels/types';
import { db, type Tx } from '../../db/client';
import {
  type Conversation,
  type CsatResponse,
  chatbots,
  conversations,
  csatResponses,
  type Integration,
  messages,
} from '../../db/schema';
import { logger } from '../../logger';
import { conversationQueue } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { insertMessage } from '../messages/create';
import { CSAT_REPLY_ID } from './prompt';
import { MAX_CSAT_COMMENT, recordAnswer, recordComment } from './record';

/**
 * A WhatsApp customer's answer to the survey (docs/dashboard.md, CSAT), taken before the
 * message would open a new conversation (the webhook route asks here first). Only a survey that
 * can still be answered takes anything: its conversation still ended, the chatbot's survey still
 * on, within ANSWER_HOURS of the asking (WhatsApp's window). Otherwise the message is an
 * ordinary one and opens or joins a conversation as any other.
 * - the list reply `csat:<conversation uuid>:N` (Cloud) is the rating of that conversation;
 *   `csat:N`, from lists sent before rows named their conversation, of the contact's newest
 *   surveyed conversation on the integration;
 * - a QR bridge sends the list as numbered lines, so there a bare digit 1-5 within
 *   QR_DIGIT_MINUTES of the asking is the rating (a second one replaces it, never a comment),
 *   while the contact's latest conversation is the surveyed one;
 * - after a rating, the thanks invites a comment: the contact's next text within
 *   COMMENT_MINUTES, while no newer conversation was opened, is the comment.
 * Each is answered with a short thanks in the chatbot's language, through the ordinary
 * outgoing path. The thanks remembers the message it answers (`metadata.replyTo`, its wamid), so
 * a delivery the provider repeats is recognised by its id and changes nothing.
 */

export const COMMENT_MINUTES = 15;
export const QR_DIGIT_MINUTES = 60;
export const ANSWER_HOURS = 24;

const log = logger.child({ component: 'csat' });

type Taken = {
  c: Conversation;
  csat: CsatResponse;
  language: string | null;
  enabled: boolean | null;
};

/**
 * The contact's surveyed conversation on the integration, its survey locked: the one named by
 * `uuid`, or else the newest asked (whatever its status now: a reopened one takes no answer).
 */
async function surveyed(tx: Tx, integration: Integration, from: string, uuid?: string) {
  const [row] = await tx
    .select({
      c: conversations,
      csat: csatResponses,
      language: chatbots.language,
      enabled: chatbots.csatEnabled,
    })
    .from(csatResponses)
    .innerJoin(conversations, eq(conversations.id, csatResponses.conversationId))
    .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
    .where(
      and(
        eq(conversations.integrationId, integration.id),
        eq(conversations.externalUserId, from),
        isNotNull(csatResponses.promptMessageId),
        uuid ? eq(conversations.uuid, uuid.toLowerCase()) : undefined,
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(1)
    .for('update', { of: csatResponses });
  return row ?? null;
}

/** Whether `taken` is the contact's latest conversation on the integration. */
async function isLatest(tx: Tx, integration: Integration, from: string, taken: Taken) {
  const [latest] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.integrationId, integration.id),
        eq(conversations.externalUserId, from),
        eq(conversations.kind, 'customer'),
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(1);
  return latest?.id === taken.c.id;
}

const minutesSince = (at: Date | null) =>
  at === null ? Number.POSITIVE_INFINITY : (Date.now() - at.getTime()) / 60_000;

/** The survey still takes answers: ended, still on, and asked within ANSWER_HOURS. */
const answerable = (taken: Taken) =>
  taken.enabled === true &&
  taken.c.status === 'ended' &&
  minutesSince(taken.csat.askedAt) <= ANSWER_HOURS * 60;

/** Whether this message (by its provider id) was taken already: a thanks answers it. */
async function alreadyTaken(tx: Tx, taken: Taken, externalId: string) {
  const [seen] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, taken.c.id),
        eq(messages.direction, 'outbound'),
        sql`${messages.metadata}->>'replyTo' = ${externalId}`,
      ),
    )
    .limit(1);
  return seen !== undefined;
}

async function thank(
  tx: Tx,
  taken: Taken,
  key: 'csatThanks' | 'csatCommentThanks',
  replyTo: string,
) {
  await insertMessage(
    tx,
    taken.c,
    {
      direction: 'outbound',
      origin: 'system',
      content: { text: customerMessage(taken.language, key) },
      metadata: { csat: key === 'csatThanks' ? 'thanks' : 'comment_thanks', replyTo },
    },
    { job: { task: tasks.outgoingMessage.name, queueName: conversationQueue(taken.c.id) } },
  );
}

/** Whether the message was the survey's answer (taken: not a conversation's message). */
export async function takeSurveyReply(
  integration: Integration,
  inbound: InboundMessage,
): Promise<boolean> {
  if (integration.channel !== 'WHATSAPP_CLOUD' && integration.channel !== 'WHATSAPP_QR')
    return false;
  const chosen = chosenOption(inbound.content);
  const listReply = chosen ? CSAT_REPLY_ID.exec(chosen.id) : null;
  const text =
    inbound.type === 'text' && typeof inbound.content.text === 'string'
      ? inbound.content.text.trim()
      : '';
  if (!listReply && !text) return false;
  return db.transaction(async (tx) => {
    if (listReply) {
      const [, uuid, rating] = listReply;
      const found = await surveyed(tx, integration, inbound.from, uuid);
      if (!found || !answerable(found)) {
        log.info({ integrationId: integration.id }, 'a survey reply no survey takes: a message');
        return false;
      }
      if (!(await alreadyTaken(tx, found, inbound.externalId))) {
        await rate(tx, found, Number(rating), inbound.externalId);
      }
      return true;
    }
    const found = await surveyed(tx, integration, inbound.from);
    if (!found || !answerable(found)) return false;
    if (!(await isLatest(tx, integration, inbound.from, found))) return false;
    if (await alreadyTaken(tx, found, inbound.externalId)) return true;
    const { csat } = found;
    const digit = /^[1-5]$/.test(text) && integration.channel === 'WHATSAPP_QR';
    if (digit && minutesSince(csat.askedAt) <= QR_DIGIT_MINUTES) {
      await rate(tx, found, Number(text), inbound.externalId);
      return true;
    }
    // The window first: a comment taken already, or a rating long ago, takes no more text.
    if (csat.rating === null || csat.comment !== null) return false;
    if (minutesSince(csat.answeredAt) > COMMENT_MINUTES) return false;
    const comment = Array.from(text).slice(0, MAX_CSAT_COMMENT).join('');
    await recordComment(tx, csat, comment);
    await thank(tx, found, 'csatCommentThanks', inbound.externalId);
    return true;
  });
}

async function rate(tx: Tx, taken: Taken, rating: number, replyTo: string) {
  // The same row tapped twice changes nothing.
  if (taken.csat.rating === rating) return;
  const first = taken.csat.rating === null;
  await recordAnswer(tx, taken.csat, { rating, comment: taken.csat.comment });
  if (first) await thank(tx, taken, 'csatThanks', replyTo);
}
