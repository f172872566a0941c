import { z } from 'zod';
import { CHANNELS, type Channel } from '../../../shared/enums';
import { storable, unstorable } from '../../../shared/storable-text';
import { isSupervisor, type MessagingCaller } from '../../auth/messaging-caller';
import { type DbOrTx, db } from '../../db/client';
import type { Chatbot, Conversation } from '../../db/schema';
import { AppError } from '../../errors';
import { findChatbot } from '../chatbots';
import { loadConversation } from '../conversations/access';
import { findOrCreateConversation } from '../conversations/find-or-create';
import { refOf } from '../ids';
import { acceptInGroupCommit } from './accept-batch';
import { assertCallerOwns } from './caller-access';
import { choiceReply } from './choice';
import { type Accepted, acceptIntoNamedConversation, type NamedConversationSend } from './create';
import { acceptInbound } from './inbound';

const required = (field: string) => ({
  error: (i: { input: unknown }) =>
    i.input == null ? `${field} should not be empty` : `${field} must be a string`,
});

export const SendMessageInput = z.object({
  chatbotId: z.string(required('chatbotId')).min(1, 'chatbotId should not be empty'),
  externalUserId: z
    .string(required('externalUserId'))
    .trim()
    .min(1, 'externalUserId should not be empty')
    .max(50, 'externalUserId must be shorter than or equal to 50 characters'),
  content: z
    .string(required('content'))
    .min(1, 'content should not be empty')
    .max(4096, 'content must be shorter than or equal to 4096 characters')
    .refine(storable, unstorable('content')),
  channel: z
    .enum(CHANNELS, {
      error: `channel must be one of the following values: ${CHANNELS.join(', ')}`,
    })
    .default('WIDGET'),
  metadata: z
    .record(z.string(), z.unknown(), { error: 'metadata must be an object' })
    .refine(storable, unstorable('metadata'))
    .optional(),
  conversationId: z.string({ error: 'conversationId must be a string' }).optional(),
  /**
   * An addition to seed 001: the id of the button or list row the customer pressed, one the
   * conversation's latest interactive message offered (choice.ts). `content` stays required.
   */
  choiceId: z
    .string({ error: 'choiceId must be a string' })
    .min(1, 'choiceId should not be empty')
    .max(256, 'choiceId must be shorter than or equal to 256 characters')
    .optional(),
});

export const CreateConversationInput = SendMessageInput.pick({
  chatbotId: true,
  externalUserId: true,
  channel: true,
});

/** The chatbot named in a body: of the caller's workspace, and the widget's own for a widget. */
async function chatbotFor(caller: MessagingCaller, raw: string, tx: DbOrTx = db): Promise<Chatbot> {
  const chatbot = await findChatbot(caller.workspaceId, raw, tx);
  if (caller.kind === 'widget' && chatbot.id !== caller.chatbotId) {
    throw new AppError('NOT_FOUND', 'Chatbot not found');
  }
  return chatbot;
}

/** A widget session speaks for its own visitor, on the WIDGET channel only. */
function assertWidgetUser(
  caller: MessagingCaller,
  data: { externalUserId: string; channel: Channel },
) {
  if (caller.kind !== 'widget') return;
  if (data.externalUserId !== caller.externalUserId) {
    throw new AppError('FORBIDDEN', 'This session belongs to another visitor');
  }
  if (data.channel !== 'WIDGET') {
    throw new AppError('FORBIDDEN', 'A widget session may only use the WIDGET channel');
  }
}

/**
 * The open conversation for this user, created if needed (POST /conversations, served by
 * contracts/chatbot-platform).
 */
export async function createOrFindConversation(
  caller: MessagingCaller,
  input: z.input<typeof CreateConversationInput>,
): Promise<{ conversation: Conversation; chatbotUuid: string; created: boolean }> {
  const data = CreateConversationInput.parse(input);
  assertWidgetUser(caller, data);
  return db.transaction(async (tx) => {
    const chatbot = await chatbotFor(caller, data.chatbotId, tx);
    const { conversation, created } = await findOrCreateConversation(tx, {
      workspaceId: caller.workspaceId,
      chatbot,
      externalUserId: data.externalUserId,
      channel: data.channel,
    });
    return { conversation, chatbotUuid: chatbot.uuid, created };
  });
}

export type CustomerSend = z.output<typeof SendMessageInput>;

/** A customer's message as the caller may send it: valid, and a widget's own visitor's. */
export function parseCustomerSend(
  caller: MessagingCaller,
  input: z.input<typeof SendMessageInput>,
): CustomerSend {
  const data = SendMessageInput.parse(input);
  assertWidgetUser(caller, data);
  return data;
}

/**
 * What accept_message needs for a send into a conversation the body names, when its refs
 * parse; undefined sends to the conversation found by its external user.
 */
function namedConversationSend(
  caller: MessagingCaller,
  data: CustomerSend,
): NamedConversationSend | undefined {
  const chatbot = refOf(data.chatbotId);
  const conversation = data.conversationId ? refOf(data.conversationId) : undefined;
  // accept_messages writes text; a choice is checked and written on the general path.
  if (!chatbot || !conversation || data.choiceId !== undefined) return undefined;
  return {
    workspaceId: caller.workspaceId,
    chatbot,
    conversation,
    externalUserId: data.externalUserId,
    channel: data.channel,
    widgetChatbotId: caller.kind === 'widget' ? caller.chatbotId : null,
    agentUserId: caller.kind === 'agent' && !isSupervisor(caller) ? caller.actor.userId : null,
    content: { text: data.content },
    metadata: data.metadata ?? {},
  };
}

/**
 * Accepts a customer's message: find-or-create the conversation, insert the USER message and
 * open or join the bot's turn, all in one transaction, so an accepted message is never lost.
 * The ordinary send (an open conversation the caller names) is one statement, accept_messages,
 * shared with the sends that arrive while it waits for a lane (accept-batch.ts); anything else
 * (no conversation named, an ended one, every error) takes acceptIntoFoundConversation, which
 * also answers the errors. With `tx` (an Idempotency-Key's transaction) it all happens in it.
 */
export async function acceptCustomerMessage(
  caller: MessagingCaller,
  data: CustomerSend,
  tx?: DbOrTx,
): Promise<Accepted> {
  const named = namedConversationSend(caller, data);
  if (!tx) {
    const done = named ? await acceptInGroupCommit(named) : undefined;
    return done ?? db.transaction((own) => acceptIntoFoundConversation(own, caller, data));
  }
  const done = named ? await acceptIntoNamedConversation(tx, named) : undefined;
  return done ?? acceptIntoFoundConversation(tx, caller, data);
}

/**
 * The send's general path: the conversation named (an ended one gives way to a new one), or the
 * user's open one on this chatbot and channel, created if needed.
 */
async function acceptIntoFoundConversation(
  tx: DbOrTx,
  caller: MessagingCaller,
  data: CustomerSend,
): Promise<Accepted> {
  const chatbot = await chatbotFor(caller, data.chatbotId, tx);
  let conversation: Conversation | undefined;
  if (data.conversationId) {
    const existing = await loadConversation(caller, data.conversationId, tx, {
      forUpdate: true,
    });
    const sameThread =
      existing.chatbotId === chatbot.id &&
      existing.externalUserId === data.externalUserId &&
      existing.channel === data.channel;
    if (!sameThread) {
      throw new AppError('NOT_FOUND', 'Conversation not found');
    }
    assertCallerOwns(caller, existing);
    // An ended conversation is history: the visitor's next message opens a new one.
    if (existing.status !== 'ended') conversation = existing;
  }
  conversation ??= (
    await findOrCreateConversation(tx, {
      workspaceId: caller.workspaceId,
      chatbot,
      externalUserId: data.externalUserId,
      channel: data.channel,
    })
  ).conversation;
  // Either way the row is locked by now (FOR UPDATE above, or find-or-create's upsert).
  const choice =
    data.choiceId === undefined ? undefined : await choiceReply(tx, conversation, data.choiceId);
  const written = await acceptInbound(
    tx,
    conversation,
    {
      ...(choice ? { type: 'interactive' as const } : {}),
      content: choice ?? { text: data.content },
      metadata: data.metadata ?? {},
    },
    { locked: true },
  );
  return { chatbotUuid: chatbot.uuid, ...written };
}
