import { messageText } from '../../../shared/message-text';
import type { Conversation, Message } from '../../db/schema';
import { platformStatus } from '../../services/conversations/status';
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

const ROLE = { client: 'USER', bot: 'ASSISTANT', operator: 'OPERATOR', system: 'SYSTEM' } as const;

/** Seed 001's message (REST and the /messages gateway). */
export function presentMessage(m: Message, conversationUuid: string) {
  return {
    id: m.uuid,
    conversationId: conversationUuid,
    content: messageText(m.content),
    role: ROLE[m.origin],
    type: m.type,
    payload: m.type === 'text' ? null : m.content,
    deliveryStatus: m.status.toUpperCase(),
    metadata: m.metadata,
    createdAt: m.createdAt.toISOString(),
  };
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
