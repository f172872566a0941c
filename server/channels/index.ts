import type { Channel } from '../../shared/enums';
import type { ChannelAdapter } from './types';
import { widgetAdapter } from './widget';

const adapters = new Map<Channel, ChannelAdapter>([[widgetAdapter.channel, widgetAdapter]]);

export function adapterFor(channel: Channel | null): ChannelAdapter | undefined {
  return channel ? adapters.get(channel) : undefined;
}
