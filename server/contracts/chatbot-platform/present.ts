import type { DeliveryStatus } from '../../../shared/enums';
import { messageText } from '../../../shared/message-text';
import type { Conversation, Message } from '../../db/schema';
import { platformStatus } from '../../services/conversations/status';
import { mediaLinkOf } from '../../services/files/signed-links';
import type { Accepted } from '../../services/messages/create';
import { iso } from '../common/json-fields';

/** Seed 000's conversation: uuids, camelCase, ACTIVE/PAUSED/CLOSED. */
export function presentConversation(c: Conversation, refs: { chatbotUuid: string | null }) {
  return {
    id: c.uuid,
    chatbotId: refs.chatbotUuid,
    externalUserId: c.externalUserId,
    channel: c.channel,
    status: platformStatus(c.status),
    contactId: c.contactId,
    lastMessageAt: iso(c.lastMessageAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * Seed 001 knows two roles: the customer (USER) and whoever answers for the business
 * (ASSISTANT). An operator's reply and the system's own notices answer for the business too;
 * `origin` still tells them apart for a client that cares.
 */
const roleOf = (m: Message) => (m.origin === 'client' ? 'USER' : 'ASSISTANT');

/**
 * Seed 001's delivery status: a message starts SENT and a reply moves on to DELIVERED (READ and
 * FAILED are ours). A reply still waiting for its outgoing job is already accepted, so SENT; the
 * customer's own message has reached us, so SENT until an agent reads it.
 */
export function platformDeliveryStatus(m: Pick<Message, 'direction'>, status: DeliveryStatus) {
  if (status === 'pending' || status === 'sent') return 'SENT';
  if (status === 'delivered') return m.direction === 'inbound' ? 'SENT' : 'DELIVERED';
  return status === 'read' ? 'READ' : 'FAILED';
}

/**
 * A non-text message's payload: its content, and for a media message's file a fresh signed
 * link (`url`, `expiresAt`): the one place every message a widget reads passes (REST, both
 * gateways), so every file it is shown is one it may open.
 */
function payloadOf(m: Message) {
  if (m.type === 'text') return null;
  const link = mediaLinkOf(m);
  return link ? { ...m.content, url: link.url, expiresAt: link.expiresAt } : m.content;
}

/** Seed 001's message (REST and the /messages gateway). */
export function presentMessage(m: Message, conversationUuid: string) {
  return {
    id: m.uuid,
    conversationId: conversationUuid,
    content: messageText(m.content),
    role: roleOf(m),
    origin: m.origin,
    type: m.type,
    payload: payloadOf(m),
    deliveryStatus: platformDeliveryStatus(m, m.status),
    metadata: m.metadata,
    createdAt: m.createdAt.toISOString(),
  };
}

/**
 * Seed 001's `message:status` data for a move to `status`, or null when a client would see no
 * change: every message is shown SENT from the start, so a move to SENT is none.
 */
export function presentStatusChange(m: Message, status: DeliveryStatus) {
  const shown = platformDeliveryStatus(m, status);
  return shown === 'SENT' ? null : { messageId: m.uuid, status: shown };
}

/** Seed 001's 202 body for POST /messages/send: the message and the conversation it went into. */
export function presentAccepted(a: Accepted) {
  return {
    message: 'Message accepted for processing',
    data: {
      message: presentMessage(a.message, a.conversation.uuid),
      conversation: presentConversation(a.conversation, { chatbotUuid: a.chatbotUuid }),
    },
  };
}

/** Seed 000's GET /conversations: the page envelope of every list here, seed-000 items. */
export function presentConversationList(page: {
  data: { conversation: Conversation; chatbotUuid: string | null }[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
}) {
  return {
    data: page.data.map((row) => presentConversation(row.conversation, row)),
    total: page.total,
    page: page.page,
    limit: page.limit,
    totalPages: page.totalPages,
  };
}
