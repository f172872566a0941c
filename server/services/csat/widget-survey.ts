import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { type DbOrTx, db } from '../../db/client';
import { type Conversation, chatbots, conversations, csatResponses } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { assertCallerOwns } from '../messages/caller-access';
import { MAX_CSAT_COMMENT, recordAnswer } from './record';

/**
 * The survey as a widget visitor sees it (docs/api.md, Widget survey): only in their own WIDGET
 * conversation with the session's chatbot, anything else not found. Asked means the
 * conversation ended with a survey row (ask_csat_on_end) and the chatbot still asks.
 */

export interface VisitorSurvey {
  conversationId: string;
  asked: boolean;
  rating: number | null;
  comment: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const VisitorAnswerInput = z.object({
  rating: z
    .number({ error: 'rating must be an integer from 1 to 5' })
    .int('rating must be an integer from 1 to 5')
    .min(1, 'rating must be an integer from 1 to 5')
    .max(5, 'rating must be an integer from 1 to 5'),
  comment: z
    .string({ error: 'comment must be a string' })
    .max(
      MAX_CSAT_COMMENT,
      `comment must be shorter than or equal to ${MAX_CSAT_COMMENT} characters`,
    )
    .nullish(),
});

async function surveyRow(tx: DbOrTx, caller: MessagingCaller, rawId: string, lock: boolean) {
  if (!UUID.test(rawId)) throw new AppError('BAD_REQUEST', 'conversationId must be a uuid');
  const query = tx
    .select({ c: conversations, csat: csatResponses, enabled: chatbots.csatEnabled })
    .from(conversations)
    .leftJoin(csatResponses, eq(csatResponses.conversationId, conversations.id))
    .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
    .where(
      and(
        eq(conversations.uuid, rawId.toLowerCase()),
        eq(conversations.workspaceId, caller.workspaceId),
        eq(conversations.kind, 'customer'),
      ),
    );
  const [row] = lock ? await query.for('update', { of: conversations }) : await query;
  if (!row) throw notFound('Conversation');
  if (caller.kind !== 'widget') throw notFound('Conversation');
  assertCallerOwns(caller, row.c);
  const asked = row.c.status === 'ended' && row.csat !== null && row.enabled === true;
  return { c: row.c, csat: asked ? row.csat : null };
}

const present = (
  c: Conversation,
  csat: { rating: number | null; comment: string | null } | null,
) => ({
  conversationId: c.uuid,
  asked: csat !== null,
  rating: csat?.rating ?? null,
  comment: csat?.comment ?? null,
});

export async function visitorSurvey(
  caller: MessagingCaller,
  rawId: string,
): Promise<VisitorSurvey> {
  const { c, csat } = await surveyRow(db, caller, rawId, false);
  return present(c, csat);
}

/** The visitor's rating (and comment): a second answer replaces the first. */
export async function answerAsVisitor(
  caller: MessagingCaller,
  rawId: string,
  input: unknown,
): Promise<VisitorSurvey> {
  return db.transaction(async (tx) => {
    const { c, csat } = await surveyRow(tx, caller, rawId, true);
    const answer = VisitorAnswerInput.parse(input ?? {});
    if (!csat) throw new AppError('CONFLICT', 'No survey was asked in this conversation');
    const saved = await recordAnswer(tx, csat, {
      rating: answer.rating,
      comment: answer.comment?.trim() ? answer.comment : null,
    });
    return present(c, saved);
  });
}
