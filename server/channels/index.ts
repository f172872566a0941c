import type { Channel } from '../../shared/enums';
import type { ChannelAdapter } from './types';
import { whatsappCloudAdapter } from './whatsapp-cloud';
import { whatsappQrAdapter } from './whatsapp-qr';
import { widgetAdapter } from './widget';

const adapters = new Map<Channel, ChannelAdapter>(
  [widgetAdapter, whatsappCloudAdapter, whatsappQrAdapter].map((a) => [a.channel, a]),
);

export function adapterFor(channel: Channel | null): ChannelAdapter | undefined {
  return channel ? adapters.get(channel) : undefined;
}
