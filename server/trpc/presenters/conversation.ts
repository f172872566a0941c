import { iso } from '../../contracts/common/json-fields';
import type { ConversationVariable } from '../../db/schema';
import type { InboxConversation } from '../../services/conversations/bot-inbox';
import { consoleMessage } from './message';

/**
 * A conversation's thread: its messages, variables, bot, contact and WhatsApp window. Shaped
 * like the bot inbox's detail today, but the agents' view (see consoleMessage): kept apart.
 */
export function consoleThread(d: InboxConversation) {
  const { conversation: c } = d;
  return {
    id: c.uuid,
    botId: d.bot?.uuid ?? null,
    botName: d.bot?.name ?? null,
    contactPhone: d.contact?.phoneNumber ?? null,
    contactName: d.contact?.name ?? null,
    channel: c.channel,
    status: c.status,
    currentNodeId: c.currentNodeId,
    assignedOperatorId: d.operatorUuid,
    cswStartedAt: iso(c.cswStartedAt),
    cswExpiresAt: iso(c.cswExpiresAt),
    variables: Object.fromEntries(d.variables.map((v) => [v.key, v.value])),
    messages: d.messages.map(consoleMessage),
    createdAt: c.createdAt.toISOString(),
  };
}

export const consoleVariable = (v: ConversationVariable) => ({
  key: v.key,
  value: v.value,
  collectedAt: v.collectedAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** A variable just written: what the variables panel needs to refresh. */
export const consoleSavedVariable = (v: ConversationVariable) => ({
  key: v.key,
  value: v.value,
  updatedAt: v.updatedAt.toISOString(),
});
