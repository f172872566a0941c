import { sql } from 'drizzle-orm';
import type { Channel, MessageDirection, MessageOrigin, MessageType } from '../../../shared/enums';
import { type DbOrTx, runStatement } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type Conversation, conversations, type Message, messages } from '../../db/schema';
import type { TakenTurn, TakerClaim } from '../bot-turns/turns';
import type { EntityRef } from '../ids';

export interface NewMessage {
  direction: MessageDirection;
  origin: MessageOrigin;
  type?: MessageType;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  senderUserId?: number | null;
  externalId?: string | null;
  replyToMessageId?: number | null;
  status?: Message['status'];
}

export interface InsertOptions {
  /** The caller already holds the conversation's row lock in this transaction. */
  locked?: boolean;
  /** A job for the new message, payload `{messageId}`, added in the same statement. */
  job?: { task: string; queueName?: string };
}

/**
 * Inserts a message and, in the same transaction, everything that follows from it: the
 * conversation's counters, activity times, preview and WhatsApp window; unread counts; the
 * event. Callers own the transaction (and enqueue their job on it).
 */
export async function insertMessage(
  tx: DbOrTx,
  conversation: Conversation,
  input: NewMessage,
  options: InsertOptions = {},
): Promise<Message> {
  return (await writeMessage(tx, conversation, input, options)).message;
}

/**
 * insertMessage, also answering the conversation row as the insert left it. One statement, the
 * SQL function write_message (migration 0010): a message used to take five round trips, and
 * drizzle's building of them was most of the server's CPU per message (docs/performance.md).
 */
export async function writeMessage(
  tx: DbOrTx,
  conversation: Conversation,
  input: NewMessage,
  options: InsertOptions = {},
): Promise<{ message: Message; conversation: Conversation }> {
  const rows = (await tx.execute(sql`select message, conversation from write_message(
    ${conversation.id}::int,
    ${!options.locked}::boolean,
    ${input.direction}::message_direction,
    ${input.origin}::message_origin,
    ${input.type ?? 'text'}::message_type,
    ${JSON.stringify(input.content)}::text::jsonb,
    ${JSON.stringify(input.metadata ?? {})}::text::jsonb,
    ${input.senderUserId ?? null}::int,
    ${input.externalId ?? null}::text,
    ${input.replyToMessageId ?? null}::int,
    ${input.status ?? null}::delivery_status,
    ${options.job?.task ?? null}::text,
    ${options.job?.queueName ?? null}::text)`)) as unknown as WrittenRow[];
  return decodeWritten(rows[0]!);
}

/** The two rows write_message answers, as `to_jsonb` (postgres.js has parsed the jsonb). */
interface WrittenRow {
  message: Record<string, unknown>;
  conversation: Record<string, unknown>;
}

const decodeWritten = (row: WrittenRow) => ({
  message: rowFromJson(messages, row.message),
  conversation: rowFromJson(conversations, row.conversation),
});

/**
 * A customer's text for a conversation the caller names by id or uuid (POST /messages/send, served
 * by contracts/chatbot-platform), as accept_message takes it.
 */
export interface NamedConversationSend {
  workspaceId: number;
  chatbot: EntityRef;
  conversation: EntityRef;
  externalUserId: string;
  channel: Channel;
  /** A widget caller's own chatbot: the named chatbot must be it. */
  widgetChatbotId: number | null;
  /** An agent limited to their own, unassigned and bot-handled conversations (canAccess). */
  agentUserId: number | null;
  content: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface Accepted {
  chatbotUuid: string;
  message: Message;
  conversation: Conversation;
}

/** accept_message's arguments by name, as accept_messages takes each item. */
function acceptItem(a: NamedConversationSend) {
  const ref = (r: EntityRef) => ['id' in r ? r.id : null, 'uuid' in r ? r.uuid : null] as const;
  const [chatbotId, chatbotUuid] = ref(a.chatbot);
  const [conversationId, conversationUuid] = ref(a.conversation);
  return {
    workspaceId: a.workspaceId,
    chatbotId,
    chatbotUuid,
    conversationId,
    conversationUuid,
    externalUserId: a.externalUserId,
    channel: a.channel,
    widgetChatbotId: a.widgetChatbotId,
    agentUserId: a.agentUserId,
    content: a.content,
    metadata: a.metadata,
  };
}

const ACCEPT_MESSAGES = `select item, chatbot_uuid, message, conversation, turn
  from accept_messages($1::text::jsonb, $2::int, $3::text::jsonb)`;

/**
 * Ordinary sends in one statement, the SQL function accept_messages (migrations 0011, 0013,
 * 0019): for each, the chatbot, the conversation's row lock, write_message and the bot's turn
 * opened or joined. An item answers undefined, having written nothing, unless both
 * exist, are one thread, the conversation is open and the caller may act on it: its caller then
 * takes the general path. One item's error fails them all, and nothing is written.
 * `lockWaitMs` bounds each lock wait (55P03 past it); without it a lock is waited for.
 */
export async function acceptIntoNamedConversations(
  tx: DbOrTx,
  items: NamedConversationSend[],
  options: { lockWaitMs?: number; claim?: TakerClaim | null; taken?: (t: TakenTurn) => void } = {},
): Promise<(Accepted | undefined)[]> {
  const claim = options.claim ? JSON.stringify(options.claim) : null;
  const rows = await runStatement<
    WrittenRow & {
      item: number;
      chatbot_uuid: string;
      turn: TakenTurn | null;
    }
  >(tx, ACCEPT_MESSAGES, [
    JSON.stringify(items.map(acceptItem)),
    options.lockWaitMs ?? null,
    claim,
  ]);
  const out: (Accepted | undefined)[] = items.map(() => undefined);
  for (const row of rows) {
    // A turn the statement took answers a row of its own, without a message.
    if (row.turn) options.taken?.(row.turn);
    if (row.message) out[row.item - 1] = { chatbotUuid: row.chatbot_uuid, ...decodeWritten(row) };
  }
  return out;
}

/**
 * One ordinary send (acceptIntoNamedConversations), in the caller's transaction or its own; its
 * turn is announced (a turn is taken by an accept only in a statement of its own: accept-batch.ts).
 */
export async function acceptIntoNamedConversation(
  tx: DbOrTx,
  a: NamedConversationSend,
): Promise<Accepted | undefined> {
  return (await acceptIntoNamedConversations(tx, [a]))[0];
}
