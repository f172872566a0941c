import type { Conversation } from '../../db/schema';
import { iso } from '../serialize';
import { seedStatus } from './status';

/** Seed 000's conversation: uuids, camelCase, ACTIVE/PAUSED/CLOSED. */
export function seed000Conversation(c: Conversation, refs: { chatbotUuid: string | null }) {
  return {
    id: c.uuid,
    chatbotId: refs.chatbotUuid,
    externalUserId: c.externalUserId,
    channel: c.channel,
    status: seedStatus(c.status),
    contactId: c.contactId,
    lastMessageAt: iso(c.lastMessageAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type Seed000Conversation = ReturnType<typeof seed000Conversation>;
