import { and, desc, eq, isNotNull } from 'drizzle-orm';
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
} from '../../db/schema';
import { logger } from '../../logger';
import { conversationQueue } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { insertMessage } from '../messages/create';
import { CSAT_REPLY_ID } from './prompt';
import { MAX_CSAT_COMMENT, recordAnswer, recordComment } from './record';

/**
 * A WhatsApp customer's answer to the survey (docs/dashboard.md, CSAT), taken before the
 * message would open a new conversation (the webhook route asks here first):
 * - the list reply `csat:N` (Cloud) is the rating of the contact's latest ended conversation
 *   on that integration with a survey; a QR bridge sends the list as numbered lines, so there
 *   a bare digit 1-5 is the rating while the survey of the contact's latest conversation waits
 *   (within QR_DIGIT_MINUTES of the asking);
 * - after a rating, the thanks invites a comment: the contact's next text within
 *   COMMENT_MINUTES, while no newer conversation was opened, is the comment.
 * Each is answered with a short thanks in the chatbot's language, through the ordinary
 * outgoing path; a repeated delivery changes nothing and thanks nobody twice.
 */

export const COMMENT_MINUTES = 15;
export const QR_DIGIT_MINUTES = 60;

const log = logger.child({ component: 'csat' });

type Taken = { c: Conversation; csat: CsatResponse; language: string | null };

/** The contact's latest conversation on the integration with a survey, locked, if it ended. */
async function latestSurveyed(tx: Tx, integration: Integration, from: string) {
  const [latest] = await tx
    .select({ id: conversations.id, status: conversations.status })
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
  const [row] = await tx
    .select({ c: conversations, csat: csatResponses, language: chatbots.language })
    .from(csatResponses)
    .innerJoin(conversations, eq(conversations.id, csatResponses.conversationId))
    .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
    .where(
      and(
        eq(conversations.integrationId, integration.id),
        eq(conversations.externalUserId, from),
        eq(conversations.status, 'ended'),
        isNotNull(csatResponses.promptMessageId),
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(1)
    .for('update', { of: csatResponses });
  if (!row) return null;
  return { ...row, isLatest: latest?.id === row.c.id && latest.status === 'ended' };
}

const minutesSince = (at: Date | null) =>
  at === null ? Number.POSITIVE_INFINITY : (Date.now() - at.getTime()) / 60_000;

async function thank(tx: Tx, taken: Taken, key: 'csatThanks' | 'csatCommentThanks') {
  await insertMessage(
    tx,
    taken.c,
    {
      direction: 'outbound',
      origin: 'system',
      content: { text: customerMessage(taken.language, key) },
      metadata: { csat: key === 'csatThanks' ? 'thanks' : 'comment_thanks' },
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
  const listRating = chosen ? CSAT_REPLY_ID.exec(chosen.id)?.[1] : undefined;
  const text =
    inbound.type === 'text' && typeof inbound.content.text === 'string'
      ? inbound.content.text.trim()
      : '';
  if (!listRating && !text) return false;
  return db.transaction(async (tx) => {
    const found = await latestSurveyed(tx, integration, inbound.from);
    if (listRating) {
      // Our own list's reply is never a new conversation, even with no survey left to take it.
      if (!found) {
        log.info({ integrationId: integration.id }, 'a survey reply with no survey: dropped');
        return true;
      }
      await rate(tx, found, Number(listRating));
      return true;
    }
    if (!found?.isLatest) return false;
    const { csat } = found;
    if (csat.rating === null) {
      const digit = /^[1-5]$/.test(text) && integration.channel === 'WHATSAPP_QR';
      if (!digit || minutesSince(csat.askedAt) > QR_DIGIT_MINUTES) return false;
      await rate(tx, found, Number(text));
      return true;
    }
    const comment = Array.from(text).slice(0, MAX_CSAT_COMMENT).join('');
    // The same comment delivered again is taken (and dropped), not a new conversation.
    if (csat.comment === comment) return true;
    if (csat.comment !== null || minutesSince(csat.answeredAt) > COMMENT_MINUTES) return false;
    await recordComment(tx, csat, comment);
    await thank(tx, found, 'csatCommentThanks');
    return true;
  });
}

async function rate(tx: Tx, taken: Taken, rating: number) {
  // A delivery repeated by the provider (or the same row tapped twice) changes nothing.
  if (taken.csat.rating === rating) return;
  const first = taken.csat.rating === null;
  await recordAnswer(tx, taken.csat, { rating, comment: taken.csat.comment });
  if (first) await thank(tx, taken, 'csatThanks');
}
