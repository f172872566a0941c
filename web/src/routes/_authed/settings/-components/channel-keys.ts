import type { Channel } from '../../../../../../shared/enums';

export const CHANNEL_LABEL: Record<Channel, string> = {
  WIDGET: 'Web widget',
  WHATSAPP_CLOUD: 'WhatsApp Cloud API',
  WHATSAPP_QR: 'WhatsApp (QR bridge)',
};

/** The settings and credentials each channel's adapter reads, offered as empty rows. */
export const CHANNEL_KEYS: Record<Channel, { config: string[]; credentials: string[] }> = {
  WIDGET: { config: [], credentials: [] },
  WHATSAPP_CLOUD: {
    config: ['phoneNumberId'],
    credentials: ['accessToken', 'appSecret', 'verifyToken'],
  },
  WHATSAPP_QR: {
    config: ['provider', 'baseUrl', 'session'],
    credentials: ['apiKey', 'webhookSecret'],
  },
};
