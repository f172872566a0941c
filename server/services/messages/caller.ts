import { ROLE_RANK } from '../../../shared/enums';
import type { Conversation } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { canAccess } from '../conversations/access';

/**
 * Who calls the customer-facing message endpoints (seeds 000/001): an agent with a JWT, or a
 * browser widget whose session token is scoped to one external user of one chatbot.
 */
export type MessagingCaller =
  | { kind: 'agent'; workspaceId: number; actor: Actor }
  | { kind: 'widget'; workspaceId: number; chatbotId: number; externalUserId: string };

/** The key space for Idempotency-Key: one per caller identity. */
export function callerScope(caller: MessagingCaller, operation: string): string {
  return caller.kind === 'agent'
    ? `${operation}:user:${caller.actor.userId}`
    : `${operation}:widget:${caller.chatbotId}:${caller.externalUserId}`;
}

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

export const isSupervisor = (caller: MessagingCaller) =>
  caller.kind === 'agent' && ROLE_RANK[caller.actor.role] >= ROLE_RANK.supervisor;
