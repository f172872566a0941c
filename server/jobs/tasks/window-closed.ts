import { eq } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import { db } from '../../db/client';
import { conversations } from '../../db/schema';
import { enqueueJob, jobKey } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { appendEvent } from '../../services/events';

/**
 * Scheduled for the moment a WhatsApp conversation's 24-hour window closes (re-scheduled by
 * every inbound message): tells the console, which shows the lock without a reload.
 */
export const windowClosed: Task = async (raw) => {
  const { conversationId } = tasks.windowClosed.payload.parse(raw);
  const [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!c?.cswExpiresAt) return;
  if (c.cswExpiresAt.getTime() > Date.now() + 1000) {
    // The window moved later since this job was scheduled: wait for the real moment.
    await enqueueJob(
      db,
      tasks.windowClosed.name,
      { conversationId },
      {
        runAt: c.cswExpiresAt,
        jobKey: jobKey(tasks.windowClosed.name, conversationId),
        maxAttempts: 5,
      },
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
