import { ROLE_RANK } from '../../shared/enums';
import type { Actor } from './actor';

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

export const isSupervisor = (caller: MessagingCaller) =>
  caller.kind === 'agent' && ROLE_RANK[caller.actor.role] >= ROLE_RANK.supervisor;
