import { and, eq, sql } from 'drizzle-orm';
import type { InboundMessage } from '../../channels/types';
import { type DbOrTx, db } from '../../db/client';
import {
  type Conversation,
  chatbots,
  type Integration,
  type Message,
  messages,
} from '../../db/schema';
import { isUniqueViolation } from '../../errors';
import { logger } from '../../logger';
import { findOrCreateConversation } from '../conversations/find-or-create';
import { enqueueMediaDownload } from '../files/channel-downloads';
import { type InsertOptions, type NewMessage, writeMessage } from './create';

/**
 * A customer's message enters the pipeline: stored, and the bot's turn opened or joined
 * (open_bot_turn) in the caller's transaction, so an accepted message is never lost and never
 * half-written. The message's write holds the conversation's row lock, so the messages that
 * join one turn do so one at a time.
 */
export async function acceptInbound(
  tx: DbOrTx,
  conversation: Conversation,
  input: Omit<NewMessage, 'direction' | 'origin'>,
  options: InsertOptions = {},
): Promise<{ message: Message; conversation: Conversation }> {
  const written = await writeMessage(
    tx,
    conversation,
    { ...input, direction: 'inbound', origin: 'client' },
    options,
  );
  await tx.execute(
    sql`select open_bot_turn(${written.conversation.id}::int, ${written.message.id}::int)`,
  );
  return written;
}

const log = logger.child({ component: 'inbound' });

/**
 * Receives one webhook message for an integration: deduplicated by the provider's id, then
 * routed to the integration's default chatbot's open conversation with that customer.
 */
export async function receiveFromChannel(
  integration: Integration,
  inbound: InboundMessage,
): Promise<'accepted' | 'duplicate' | 'ignored'> {
  if (!integration.defaultChatbotId) {
    log.warn(
      { integrationId: integration.id },
      'inbound message ignored: the integration has no default chatbot',
    );
    return 'ignored';
  }
  return db.transaction(async (tx) => {
    const [seen] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.integrationId, integration.id),
          eq(messages.externalId, inbound.externalId),
        ),
      );
    if (seen) return 'duplicate';
    const [chatbot] = await tx
      .select()
      .from(chatbots)
      .where(eq(chatbots.id, integration.defaultChatbotId!));
    if (!chatbot) return 'ignored';
    const { conversation } = await findOrCreateConversation(tx, {
      workspaceId: integration.workspaceId,
      chatbot,
      externalUserId: inbound.from,
      channel: integration.channel,
      integrationId: integration.id,
      profileName: inbound.profileName,
      phoneNumber: inbound.phoneNumber,
    });
    try {
      // A savepoint: the same webhook delivered twice at once makes one of them a duplicate.
      await tx.transaction(async (sp) => {
        const { message } = await acceptInbound(sp, conversation, {
          type: inbound.type,
          content: inbound.content,
          metadata: inbound.metadata,
          externalId: inbound.externalId,
        });
        // A customer's file is fetched by a job: the message is never held back for it.
        await enqueueMediaDownload(sp, message);
      });
      return 'accepted';
    } catch (err) {
      if (isUniqueViolation(err, 'messages_external_id_unique')) return 'duplicate';
      throw err;
    }
  });
}
