import type { Integration } from '../../db/schema';
import { type ChannelAdapter, type ParsedDelivery, PermanentSendError } from '../types';
import { evolutionSend, parseEvolution } from './evolution';
import { parseWaha, wahaSend } from './waha';

/** Which bridge an integration uses: `config.provider` = `waha` (default) or `evolution`. */
const providerOf = (integration: Integration) =>
  integration.config.provider === 'evolution' ? 'evolution' : 'waha';

export function parseBridgeWebhook(integration: Integration, body: unknown): ParsedDelivery {
  return providerOf(integration) === 'evolution' ? parseEvolution(body) : parseWaha(body);
}

export const whatsappQrAdapter: ChannelAdapter = {
  channel: 'WHATSAPP_QR',
  async send({ message, conversation, integration, media }) {
    if (!integration)
      throw new PermanentSendError(
        'integration_missing',
        'The conversation has no WhatsApp integration',
      );
    if (message.type === 'template') {
      throw new PermanentSendError(
        'unsupported',
        'The QR-code bridge cannot send template messages',
      );
    }
    if (message.type === 'media' && !media)
      throw new PermanentSendError('attachment_missing', 'The file to send is gone');
    const file = message.type === 'media' ? media : undefined;
    const to = conversation.externalUserId ?? '';
    return providerOf(integration) === 'evolution'
      ? evolutionSend(integration, to, message, file)
      : wahaSend(integration, to, message, file);
  },
};
