import { type SQL, sql } from 'drizzle-orm';
import type { ConversationVariable, Message } from '../../db/schema';
import type {
  InboxColumns,
  InboxConversation,
  InboxPage,
} from '../../services/conversations/bot-inbox';
import { JsonText } from '../../services/serialize';
import { iso } from '../common/json-fields';

/**
 * One row of the list as this contract's JSON, built by PostgreSQL (message_text, iso_time:
 * migration 0009) so a page is never decoded and encoded again in Node.
 */
export const listRow = {
  name: 'bot-inbox',
  build: (c: InboxColumns): SQL => sql`json_build_object(
    'id', ${c.conversation.uuid},
    'botId', ${c.bot.uuid},
    'botName', ${c.bot.name},
    'contactPhone', ${c.contact.phoneNumber},
    'contactName', ${c.contact.name},
    'channel', ${c.conversation.channel},
    'status', ${c.conversation.status},
    'currentNodeId', ${c.conversation.currentNodeId},
    'assignedOperatorId', ${c.operator.uuid},
    'lastMessage', case when ${c.last.id} is null then null else json_build_object(
      'text', message_text(${c.last.content}),
      'direction', ${c.last.direction},
      'createdAt', iso_time(${c.last.createdAt})) end,
    'messageCount', ${c.conversation.messageCount},
    'createdAt', iso_time(${c.conversation.createdAt}))`,
};

export const presentConversationPage = (page: InboxPage) =>
  new JsonText(
    `{"conversations":${page.rows.text},"nextCursor":${JSON.stringify(page.nextCursor)}}`,
  );

/** Why a message failed (its provider's code and words), on a failed message only. */
const failure = (m: Message) =>
  m.status === 'failed' ? { error: { code: m.errorCode, title: m.errorTitle } } : {};

/** A message: the WhatsApp-shaped content object and delivery timestamps. */
export function presentMessage(m: Message) {
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
    ...failure(m),
  };
}

/** The answer to an operator's message (201): where its send stands, without its content. */
export function presentSentMessage(m: Message) {
  return {
    id: m.uuid,
    waMessageId: m.externalId,
    direction: m.direction,
    origin: m.origin,
    type: m.type,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    ...failure(m),
  };
}

/** The detail: the conversation with its variables, messages and WhatsApp window. */
export function presentConversation(d: InboxConversation) {
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
    messages: d.messages.map(presentMessage),
    createdAt: c.createdAt.toISOString(),
  };
}

export const presentVariables = (vars: ConversationVariable[]) => ({
  variables: vars.map(({ key, value, collectedAt }) => ({
    key,
    value,
    collectedAt: collectedAt.toISOString(),
  })),
});

export const presentVariable = (v: ConversationVariable) => ({
  key: v.key,
  value: v.value,
  updatedAt: v.updatedAt.toISOString(),
});
