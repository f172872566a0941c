import { eq, sql } from 'drizzle-orm';
import { interactiveContent } from '../../../shared/flow';
import { customerMessage } from '../../../shared/i18n/customer-messages';
import { db } from '../../db/client';
import { chatbots, conversations, csatResponses } from '../../db/schema';
import { conversationQueue } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { insertMessage } from '../messages/create';

/**
 * A list row's id: `csat:<conversation uuid>:<rating>` (43 characters, of WhatsApp's 200), read
 * back from the customer's list reply (whatsapp-reply.ts), so a tap rates the conversation that
 * asked and no other. `csat:<rating>`, the rows of lists sent before, is still read.
 */
export const CSAT_REPLY_ID =
  /^csat:(?:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):)?([1-5])$/i;

const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * The survey as WhatsApp shows it: a list with five rows, since reply buttons stop at three
 * (Meta's "Interactive reply buttons" reference). A QR bridge, which sends no lists, turns it
 * into the question and five numbered lines (plain-text.ts), answered with the digit.
 */
export function surveyList(language: string | null, conversationUuid: string) {
  const content = interactiveContent(
    customerMessage(language, 'csatQuestion'),
    RATINGS.map((n) => ({
      id: `csat:${conversationUuid}:${n}`,
      title: customerMessage(language, `csatRating${n}`),
    })),
    customerMessage(language, 'csatButton'),
  );
  return { ...content, type: 'list' as const };
}

/**
 * Sends the WhatsApp survey that ask_csat_on_end asked for (the csat-prompt job, on the
 * conversation's queue: after a flow's goodbye), through the ordinary outgoing path, in the
 * chatbot's language. Once: the row remembers its message. What changed since the end while
 * the job waited (a retry, a long queue) asks nothing, and the row goes as if never asked: the
 * window closed, the conversation was reopened (ended again, it is asked then), or the chatbot's
 * survey was turned off.
 */
export async function sendSurveyPrompt(conversationId: number): Promise<'sent' | 'skipped'> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        csat: csatResponses,
        c: conversations,
        language: chatbots.language,
        enabled: chatbots.csatEnabled,
      })
      .from(csatResponses)
      .innerJoin(conversations, eq(conversations.id, csatResponses.conversationId))
      .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
      .where(eq(csatResponses.conversationId, conversationId))
      .for('update', { of: [csatResponses, conversations] });
    if (!row || row.csat.promptMessageId !== null || row.csat.rating !== null) return 'skipped';
    const open = row.c.cswExpiresAt !== null && row.c.cswExpiresAt.getTime() > Date.now();
    if (!open || row.c.status !== 'ended' || row.enabled !== true) {
      await tx.delete(csatResponses).where(eq(csatResponses.id, row.csat.id));
      return 'skipped';
    }
    const message = await insertMessage(
      tx,
      row.c,
      {
        direction: 'outbound',
        origin: 'system',
        type: 'interactive',
        content: surveyList(row.language, row.c.uuid),
        metadata: { csat: 'prompt' },
      },
      { job: { task: tasks.outgoingMessage.name, queueName: conversationQueue(row.c.id) } },
    );
    await tx
      .update(csatResponses)
      .set({ promptMessageId: message.id, askedAt: sql`now()` })
      .where(eq(csatResponses.id, row.csat.id));
    return 'sent';
  });
}
