import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { contacts, users } from '../../db/schema';
import { notFound } from '../../errors';
import { assertAccess, loadConversation } from '../conversations/access';
import { fillPlaceholders } from './placeholders';
import { findCanned } from './store';

/**
 * A canned response's body filled for one conversation, as the composer inserts it: its contact
 * and the calling agent. The console never fills placeholders itself, so the rule lives here.
 */
export async function renderCanned(
  actor: Actor,
  ref: string | number,
  conversationRef: string | number,
  tx: DbOrTx = db,
): Promise<{ text: string }> {
  const canned = await findCanned(actor, ref, tx);
  const conversation = await loadConversation(actor, conversationRef, tx);
  assertAccess(actor, conversation);
  const [agent] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!agent) throw notFound('User');
  const [contact] = conversation.contactId
    ? await tx
        .select({ name: contacts.name, phoneNumber: contacts.phoneNumber })
        .from(contacts)
        .where(eq(contacts.id, conversation.contactId))
    : [];
  return {
    text: fillPlaceholders(canned.body, {
      contact: contact ?? null,
      agent,
      conversation: { id: conversation.id },
    }),
  };
}
