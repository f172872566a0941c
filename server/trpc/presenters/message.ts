import { iso } from '../../contracts/common/json-fields';
import type { Message } from '../../db/schema';

/**
 * A message as the console shows it in a thread (the thread query and live events alike): the
 * content object as stored, who wrote it, and its delivery timestamps. It gives the same JSON
 * as the bot inbox's presenter today, but it is the agents' view, not a customer-facing
 * contract: what only agents may see (authors, private notes) is added here and never there.
 */
export function consoleMessage(m: Message) {
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

/** What the composer gets back for a message it sent: the queued message without its content. */
export function consoleSentMessage(m: Message) {
  return {
    id: m.uuid,
    waMessageId: m.externalId,
    direction: m.direction,
    origin: m.origin,
    type: m.type,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  };
}
