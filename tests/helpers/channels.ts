import { eq } from 'drizzle-orm';
import { db } from '../../server/db/client';
import { type Message, messages } from '../../server/db/schema';
import { outgoingMessage } from '../../server/jobs/tasks/outgoing-message';
import { api } from './server';

export async function postWebhook(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return api(base, 'POST', path, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Runs the outgoing-message task for one message (as the worker would) and reloads it. */
export async function sendNow(messageUuid: string): Promise<Message> {
  const [m] = await db.select().from(messages).where(eq(messages.uuid, messageUuid));
  await outgoingMessage({ messageId: m!.id }, {} as never);
  const [after] = await db.select().from(messages).where(eq(messages.id, m!.id));
  return after!;
}
