import { messageText } from '../../../shared/message-text';
import type { Message } from '../../db/schema';
import { iso } from '../serialize';

export { messageText };

const ROLE = { client: 'USER', bot: 'ASSISTANT', operator: 'OPERATOR', system: 'SYSTEM' } as const;

/** Seed 001's message (REST and the /messages gateway). */
export function seed001Message(m: Message, conversationUuid: string) {
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
export type Seed001Message = ReturnType<typeof seed001Message>;

/** Seed 002's message: the WhatsApp-shaped content object and delivery timestamps. */
export function seed002Message(m: Message) {
  return {
    id: m.uuid,
    waMessageId: m.externalId,
    direction: m.direction,
    origin: m.origin,
    type: m.type,
    content: m.content,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    readAt: iso(m.readAt),
    ...(m.status === 'failed' ? { error: { code: m.errorCode, title: m.errorTitle } } : {}),
  };
}
