import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Channel } from '../../../shared/enums';
import type { DbOrTx } from '../../db/client';
import {
  type Chatbot,
  type Contact,
  type Conversation,
  contacts,
  conversations,
  integrations,
} from '../../db/schema';
import { isUniqueViolation } from '../../errors';
import { requestAssignment } from '../assignment/trigger';
import { appendEvent } from '../events';

export interface Visitor {
  workspaceId: number;
  chatbot: Chatbot;
  externalUserId: string;
  channel: Channel;
  /** The channel that carried the message, when known (webhooks); else the chatbot's default. */
  integrationId?: number | null;
  profileName?: string | null;
  phoneNumber?: string | null;
}

/**
 * The contact for an external user: by external id, else (WhatsApp) an existing CRM contact with
 * the same phone, else a new one. Concurrent callers converge on one row (ON CONFLICT).
 */
export async function findOrCreateContact(tx: DbOrTx, v: Visitor): Promise<Contact> {
  const byExternal = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, v.workspaceId), eq(contacts.externalId, v.externalUserId)));
  if (byExternal[0]) return byExternal[0];
  if (v.phoneNumber) {
    const byPhone = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, v.workspaceId), eq(contacts.phoneNumber, v.phoneNumber)));
    if (byPhone[0]) return byPhone[0];
  }
  const insert = async (db: DbOrTx, phoneNumber: string | null) => {
    const [row] = await db
      .insert(contacts)
      .values({
        workspaceId: v.workspaceId,
        externalId: v.externalUserId,
        name: v.profileName ?? null,
        phoneNumber,
      })
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts.externalId],
        set: { updatedAt: sql`${contacts.updatedAt}` },
      })
      .returning();
    return row!;
  };
  if (!v.phoneNumber) return insert(tx, null);
  const phone = v.phoneNumber;
  try {
    // A savepoint, so a phone clash with a contact created meanwhile does not abort the caller.
    return await tx.transaction((sp) => insert(sp, phone));
  } catch (err) {
    if (isUniqueViolation(err, 'contacts_phone_number_unique')) return insert(tx, null);
    throw err;
  }
}

async function defaultIntegration(tx: DbOrTx, v: Visitor): Promise<number | null> {
  if (v.integrationId !== undefined) return v.integrationId;
  const [row] = await tx
    .select({ id: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.workspaceId, v.workspaceId),
        eq(integrations.channel, v.channel),
        eq(integrations.defaultChatbotId, v.chatbot.id),
      ),
    )
    .orderBy(integrations.id)
    .limit(1);
  return row?.id ?? null;
}

/**
 * One open (not ended) conversation per (chatbot, external user, channel), enforced by a partial
 * unique index: twenty concurrent first messages create exactly one conversation and contact.
 */
export async function findOrCreateConversation(
  tx: DbOrTx,
  v: Visitor,
): Promise<{ conversation: Conversation; contact: Contact; created: boolean }> {
  const contact = await findOrCreateContact(tx, v);
  const [row] = await tx
    .insert(conversations)
    .values({
      workspaceId: v.workspaceId,
      kind: 'customer',
      contactId: contact.id,
      chatbotId: v.chatbot.id,
      integrationId: await defaultIntegration(tx, v),
      channel: v.channel,
      externalUserId: v.externalUserId,
      // The bot handles a new conversation when its AI is on; otherwise it waits for a human.
      assignedBotId: v.chatbot.aiEnabled ? v.chatbot.id : null,
    })
    .onConflictDoUpdate({
      target: [conversations.chatbotId, conversations.externalUserId, conversations.channel],
      targetWhere: sql`${conversations.status} <> 'ended'`,
      set: { updatedAt: sql`${conversations.updatedAt}` },
    })
    .returning({ ...getTableColumns(conversations), inserted: sql<boolean>`(xmax = 0)` });
  const { inserted, ...conversation } = row!;
  if (inserted) {
    await appendEvent(tx, {
      workspaceId: v.workspaceId,
      type: 'conversation:created',
      conversationId: conversation.id,
      payload: { channel: v.channel },
    });
    // With the bot's AI off, the new conversation waits for a human right away.
    if (!v.chatbot.aiEnabled) await requestAssignment(tx, v.workspaceId);
  }
  return { conversation, contact, created: inserted };
}
