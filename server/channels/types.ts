import type { Channel } from '../../shared/enums';
import type { Conversation, Integration, Message } from '../db/schema';

export interface OutboundContext {
  message: Message;
  conversation: Conversation;
  integration: Integration | null;
}

export interface SendResult {
  /** The provider's id (wamid, bridge id), null when the channel has none. */
  externalId: string | null;
  /** Whether the provider already confirmed delivery (the widget's gateway does it itself). */
  status: 'sent';
}

/** One adapter per channel: sends outbound messages (inbound parsing lives beside each). */
export interface ChannelAdapter {
  channel: Channel;
  send(ctx: OutboundContext): Promise<SendResult>;
}

/** A provider refusal that retrying will not fix (bad number, closed window, ...). */
export class PermanentSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/**
 * The provider answered that it did not take the message this time (rate limit, outage): sending
 * again later is safe. `status` is the HTTP status of the answer.
 */
export class RetryableSendError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryableSendError';
  }
}
