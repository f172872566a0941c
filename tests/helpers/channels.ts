import { eq } from 'drizzle-orm';
import { db } from '../../server/db/client';
import type { User } from '../../server/db/schema';
import { type Message, messages } from '../../server/db/schema';
import { outgoingMessage } from '../../server/jobs/tasks/outgoing-message';
import { callerFor } from '../factories/user';
import { makeChatbot } from './inbox';
import { api } from './server';

/** A WhatsApp integration as an admin would set it up, with its default chatbot. */
export async function makeWhatsappIntegration(
  admin: User,
  channel: 'WHATSAPP_CLOUD' | 'WHATSAPP_QR',
  config: Record<string, unknown>,
  credentials: Record<string, string>,
) {
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const integration = await callerFor(admin).integrations.create({
    channel,
    name: `${channel} line`,
    phoneNumber: '15550783881',
    defaultChatbotId: bot.id,
    config,
    credentials,
  });
  return { bot, integration };
}

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
