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
