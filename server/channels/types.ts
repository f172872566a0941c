import type { Channel, DeliveryStatus, MessageType } from '../../shared/enums';
import type { Conversation, Integration, Message } from '../db/schema';

export interface OutboundContext {
  message: Message;
  conversation: Conversation;
  integration: Integration | null;
  /** A media message's file (outgoing-message reads it; an adapter never loads rows itself). */
  media?: OutboundMedia;
}

/** A provider's id for an upload of a message's file (Meta's media id), kept for a retry. */
export interface ProviderUpload {
  /** Who holds it: a Cloud API phone number id (an upload belongs to one number). */
  account: string;
  id: string;
}

/** The file a media message sends: its row's facts, and its bytes read only when needed. */
export interface OutboundMedia {
  contentType: string;
  byteSize: number;
  fileName: string;
  caption?: string;
  /** An earlier attempt's upload of this file, when one was recorded. */
  uploaded: ProviderUpload | null;
  bytes(): Promise<Uint8Array>;
  /** Records an upload before the message is sent with it, so a retried send reuses it. */
  remember(upload: ProviderUpload): Promise<void>;
}

/**
 * A message an adapter parsed out of a provider's webhook: the domain value the webhook route
 * hands to the messages service (adapters parse and send; they never store).
 */
export interface InboundMessage {
  /** The provider's message id (wamid, bridge id): retried webhooks carry the same one. */
  externalId: string;
  /** The customer's address on the channel (wa_id, chat id). */
  from: string;
  profileName?: string | null;
  phoneNumber?: string | null;
  type: MessageType;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** A delivery report from a provider, already mapped to our statuses. */
export interface ProviderStatus {
  externalId: string;
  status: DeliveryStatus;
  at?: Date;
  errorCode?: string | null;
  errorTitle?: string | null;
}

/** What one webhook delivery carries, as an adapter parsed it. */
export interface ParsedDelivery {
  messages: InboundMessage[];
  statuses: ProviderStatus[];
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
