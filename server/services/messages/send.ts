import { z } from 'zod';
import { CHANNELS } from '../../../shared/enums';
import { type DbOrTx, db } from '../../db/client';
import type { Chatbot, Conversation } from '../../db/schema';
import { AppError } from '../../errors';
import { findChatbot } from '../chatbots';
import { loadConversation } from '../conversations/access';
import { findOrCreateConversation } from '../conversations/find-or-create';
import { seed000Conversation } from '../conversations/shapes';
import { once } from '../idempotency';
import { assertCallerOwns, callerScope, type MessagingCaller } from './caller';
import { acceptInbound } from './inbound';
import { seed001Message } from './serialize';

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
    .max(4096, 'content must be shorter than or equal to 4096 characters'),
  channel: z
    .enum(CHANNELS, {
      error: `channel must be one of the following values: ${CHANNELS.join(', ')}`,
    })
    .default('WIDGET'),
  metadata: z.record(z.string(), z.unknown(), { error: 'metadata must be an object' }).optional(),
  conversationId: z.string({ error: 'conversationId must be a string' }).optional(),
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

function assertWidgetUser(caller: MessagingCaller, externalUserId: string) {
  if (caller.kind === 'widget' && externalUserId !== caller.externalUserId) {
    throw new AppError('FORBIDDEN', 'This session belongs to another visitor');
  }
}

/** Seed 000 POST /conversations: the open conversation for this user, created if needed. */
export async function createOrFindConversation(
  caller: MessagingCaller,
  input: z.input<typeof CreateConversationInput>,
) {
  const data = CreateConversationInput.parse(input);
  assertWidgetUser(caller, data.externalUserId);
  return db.transaction(async (tx) => {
    const chatbot = await chatbotFor(caller, data.chatbotId, tx);
    const { conversation, created } = await findOrCreateConversation(tx, {
      workspaceId: caller.workspaceId,
      chatbot,
      externalUserId: data.externalUserId,
      channel: data.channel,
    });
    return { created, body: seed000Conversation(conversation, { chatbotUuid: chatbot.uuid }) };
  });
}

/**
 * Seed 001 POST /messages/send: find-or-create the conversation, insert the USER message and
 * enqueue `incoming-message`, all in one transaction, so an accepted message is never lost.
 */
export async function sendCustomerMessage(
  caller: MessagingCaller,
  input: z.input<typeof SendMessageInput>,
  idempotencyKey?: string,
) {
  const data = SendMessageInput.parse(input);
  assertWidgetUser(caller, data.externalUserId);
  return db.transaction(async (tx) => {
    const ident = {
      workspaceId: caller.workspaceId,
      scope: callerScope(caller, 'messages.send'),
      key: idempotencyKey,
    };
    return once(tx, ident, data, async () => {
      const chatbot = await chatbotFor(caller, data.chatbotId, tx);
      let conversation: Conversation | undefined;
      if (data.conversationId) {
        const named = await loadConversation(caller, data.conversationId, tx, { forUpdate: true });
        const sameThread =
          named.chatbotId === chatbot.id &&
          named.externalUserId === data.externalUserId &&
          named.channel === data.channel;
        if (!sameThread) {
          throw new AppError('NOT_FOUND', 'Conversation not found');
        }
        assertCallerOwns(caller, named);
        // An ended conversation is history: the visitor's next message opens a new one.
        if (named.status !== 'ended') conversation = named;
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
      const { message, conversation: fresh } = await acceptInbound(
        tx,
        conversation,
        { content: { text: data.content }, metadata: data.metadata ?? {} },
        { locked: true },
      );
      return {
        status: 202,
        body: {
          message: 'Message accepted for processing',
          data: {
            message: seed001Message(message, conversation.uuid),
            conversation: seed000Conversation(fresh, { chatbotUuid: chatbot.uuid }),
          },
        },
      };
    });
  });
}
