import type { Channel } from '../../../../../../shared/enums';

/** Each channel's name, a key of the settings namespace: `t(CHANNEL_LABEL[channel])`. */
export const CHANNEL_LABEL = {
  WIDGET: 'channels.kind.WIDGET',
  WHATSAPP_CLOUD: 'channels.kind.WHATSAPP_CLOUD',
  WHATSAPP_QR: 'channels.kind.WHATSAPP_QR',
} as const satisfies Record<Channel, `channels.kind.${Channel}`>;

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
