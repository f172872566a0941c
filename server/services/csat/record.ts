import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { type CsatResponse, csatResponses } from '../../db/schema';
import { appendEvent } from '../events';

/** The most a comment holds (csat_responses_comment_check). */
export const MAX_CSAT_COMMENT = 1000;

/**
 * A customer's answer to the survey asked in `row` (whichever channel it came from): the rating
 * and comment replace any earlier answer, and the agents hear of it (`csat:rated`, an event no
 * customer exit forwards: the gateway's frames are an allow-list).
 */
export async function recordAnswer(
  tx: Tx,
  row: CsatResponse,
  answer: { rating: number; comment: string | null },
): Promise<CsatResponse> {
  const [saved] = await tx
    .update(csatResponses)
    .set({ rating: answer.rating, comment: answer.comment, answeredAt: sql`now()` })
    .where(eq(csatResponses.id, row.id))
    .returning();
  await appendEvent(tx, {
    workspaceId: row.workspaceId,
    conversationId: row.conversationId,
    type: 'csat:rated',
    payload: { rating: answer.rating, commented: answer.comment !== null },
  });
  return saved!;
}

/** A comment added to a rating already given (WhatsApp's text after the list reply). */
export async function recordComment(tx: Tx, row: CsatResponse, comment: string) {
  return recordAnswer(tx, row, { rating: row.rating!, comment });
}
