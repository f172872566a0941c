import type { User } from '../../server/db/schema';
import { callerFor } from '../helpers/auth';
import { makeChatbot } from './chatbot';

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
