import type { MessagingCaller } from '../../auth/messaging-caller';
import type { Conversation } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { canAccess } from '../conversations/access';

/**
 * A widget sees only its own WIDGET conversations with its chatbot: anything else does not
 * exist. The channel matters: a WhatsApp conversation's external id is a phone number, which
 * proves nothing about who holds the widget.
 */
export function assertCallerOwns(caller: MessagingCaller, c: Conversation): void {
  if (caller.kind === 'widget') {
    if (
      c.chatbotId !== caller.chatbotId ||
      c.externalUserId !== caller.externalUserId ||
      c.channel !== 'WIDGET'
    ) {
      throw notFound('Conversation');
    }
    return;
  }
  if (!canAccess(caller.actor, c)) {
    throw new AppError('FORBIDDEN', 'This conversation is assigned to another agent');
  }
}
