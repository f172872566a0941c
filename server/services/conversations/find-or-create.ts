import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Channel } from '../../../shared/enums';
import { phoneFromAddress, storedFormsOf } from '../../../shared/phone';
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
import { logger } from '../../logger';
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
  /** The customer's phone as the provider gives it (any form); a non-phone is ignored. */
  phoneNumber?: string | null;
}

const log = logger.child({ component: 'contacts' });

/**
 * The contact for an external user: by external id, else an existing contact with the same
 * phone (a CRM contact, the same person on another channel), else a new one. The phone is the
 * one the provider names, else the external id when it is a phone number (shared/phone.ts);
 * it fills a contact that has none and never replaces one. Concurrent callers converge on one
 * row (ON CONFLICT), and a phone another contact holds is left out rather than failing the
 * message (docs/api.md, "Phone numbers").
 */
export async function findOrCreateContact(tx: DbOrTx, v: Visitor): Promise<Contact> {
  const phone = phoneFromAddress(v.phoneNumber) ?? phoneFromAddress(v.externalUserId);
  const byExternal = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, v.workspaceId), eq(contacts.externalId, v.externalUserId)));
  if (byExternal[0]) {
    const known = byExternal[0];
    return phone && known.phoneNumber === null ? fillPhone(tx, known, phone) : known;
  }
  if (phone) {
    const holder = await phoneHolder(tx, v.workspaceId, phone);
    if (holder) return holder;
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
  if (!phone) return insert(tx, null);
  try {
    // A savepoint, so a phone clash with a contact created meanwhile does not abort the caller.
    return await tx.transaction((sp) => insert(sp, phone));
  } catch (err) {
    if (!isUniqueViolation(err, 'contacts_phone_number_unique')) throw err;
    log.info(
      { workspaceId: v.workspaceId },
      'contact left without a phone: another contact has it',
    );
    return insert(tx, null);
  }
}

/** The contact holding this phone, in the form we store or as the bare digits agents type. */
async function phoneHolder(tx: DbOrTx, workspaceId: number, phone: string) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        inArray(contacts.phoneNumber, storedFormsOf(phone)),
      ),
    )
    .orderBy(contacts.id)
    .limit(1);
  return row;
}

/** Gives a contact without a phone the one its address is, unless another contact has it. */
async function fillPhone(tx: DbOrTx, contact: Contact, phone: string): Promise<Contact> {
  const holder = await phoneHolder(tx, contact.workspaceId, phone);
  if (!holder) {
    try {
      // A savepoint: a contact given the same phone meanwhile must not fail the message.
      const [row] = await tx.transaction((sp) =>
        sp
          .update(contacts)
          .set({ phoneNumber: phone, updatedAt: new Date() })
          .where(and(eq(contacts.id, contact.id), isNull(contacts.phoneNumber)))
          .returning(),
      );
      // No row: an agent set a phone meanwhile, and theirs stands.
      return row ?? contact;
    } catch (err) {
      if (!isUniqueViolation(err, 'contacts_phone_number_unique')) throw err;
    }
  }
  log.info(
    { contactId: contact.id, holderId: holder?.id },
    'contact left without a phone: another contact has it',
  );
  return contact;
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
