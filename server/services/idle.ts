import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { customerMessage } from '../../shared/i18n/customer-messages';
import { db } from '../db/client';
import { chatbots, conversations, workspaces } from '../db/schema';
import { appendEvent } from './events';
import { insertMessage } from './messages/create';

const BATCH = 200;

/**
 * Ends conversations idle for longer than their workspace's limit, with a closing system
 * message and an event. Batches of rows locked with SKIP LOCKED, so concurrent runs share work.
 */
export async function closeIdleConversations(): Promise<number> {
  let closed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const idle = await tx
        .select({
          c: conversations,
          minutes: workspaces.idleTimeoutMinutes,
          language: chatbots.language,
        })
        .from(conversations)
        .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
        .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
        .where(
          and(
            eq(conversations.kind, 'customer'),
            ne(conversations.status, 'ended'),
            sql`${conversations.lastActivityAt} < now() - make_interval(mins => ${workspaces.idleTimeoutMinutes})`,
          ),
        )
        .limit(BATCH)
        .for('update', { of: conversations, skipLocked: true });
      if (idle.length === 0) return 0;
      await tx
        .update(conversations)
        .set({ status: 'ended', endedAt: sql`now()`, updatedAt: sql`now()` })
        .where(
          inArray(
            conversations.id,
            idle.map((r) => r.c.id),
          ),
        );
      for (const { c, minutes, language } of idle) {
        const hours = Math.round((minutes / 60) * 10) / 10;
        await insertMessage(
          tx,
          { ...c, status: 'ended' },
          {
            direction: 'outbound',
            origin: 'system',
            // Said in the chatbot's language, as everything the system says to customers.
            content: { text: customerMessage(language, 'idleClosed', { hours }) },
            status: 'delivered',
          },
        );
        await appendEvent(tx, {
          workspaceId: c.workspaceId,
          conversationId: c.id,
          type: 'conversation:ended',
          payload: { status: 'ended', previous: c.status, reason: 'idle' },
        });
      }
      return idle.length;
    });
    closed += n;
    if (n < BATCH) return closed;
  }
}
