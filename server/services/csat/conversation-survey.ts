import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { csatResponses } from '../../db/schema';
import { assertAccess, loadConversation } from '../conversations/access';

/** A conversation's survey as the console's details panel shows it; null when none was asked. */
export interface ConversationSurvey {
  rating: number | null;
  comment: string | null;
  channel: string | null;
  askedAt: string;
  answeredAt: string | null;
}

/** The survey of a conversation the agent may act on (any role: like its notes). */
export async function conversationSurvey(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<ConversationSurvey | null> {
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  const [row] = await tx.select().from(csatResponses).where(eq(csatResponses.conversationId, c.id));
  if (!row) return null;
  return {
    rating: row.rating,
    comment: row.comment,
    channel: row.channel,
    askedAt: row.askedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}
