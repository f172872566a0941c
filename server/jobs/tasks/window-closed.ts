import { eq } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client';
import { conversations } from '../../db/schema';
import { appendEvent } from '../../services/events';
import { enqueueJob } from '../enqueue';

const Payload = z.object({ conversationId: z.number().int().positive() });

/**
 * Scheduled for the moment a WhatsApp conversation's 24-hour window closes (re-scheduled by
 * every inbound message): tells the console, which shows the lock without a reload.
 */
export const windowClosed: Task = async (raw) => {
  const { conversationId } = Payload.parse(raw);
  const [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!c?.cswExpiresAt) return;
  if (c.cswExpiresAt.getTime() > Date.now() + 1000) {
    // The window moved later since this job was scheduled: wait for the real moment.
    await enqueueJob(
      db,
      'window-closed',
      { conversationId },
      { runAt: c.cswExpiresAt, jobKey: `window-closed:${conversationId}`, maxAttempts: 5 },
    );
    return;
  }
  await appendEvent(db, {
    workspaceId: c.workspaceId,
    conversationId: c.id,
    type: 'conversation:window_closed',
    payload: { expiredAt: c.cswExpiresAt.toISOString() },
  });
};
