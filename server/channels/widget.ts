import type { ChannelAdapter } from './types';

/**
 * The web widget has no provider to call: the message is already in the outbox and the
 * /messages gateway pushes it to the visitor's socket (marking it delivered when it does).
 */
export const widgetAdapter: ChannelAdapter = {
  channel: 'WIDGET',
  async send() {
    return { externalId: null, status: 'sent' };
  },
};
