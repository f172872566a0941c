import { tracked } from '@trpc/server';
import { z } from 'zod';
import { ROLE_RANK } from '../../../shared/enums';
import type { HubEvent } from '../../realtime/hub';
import { clientEvent, eventStream } from '../../realtime/stream';
import type { Actor } from '../../services/actor';
import { assertAccess, loadConversation } from '../../services/conversations/access';
import { authedProcedure, router } from '../init';

const resume = z.object({ lastEventId: z.coerce.number().int().min(0).nullish() });

/**
 * The inbox carries customer conversations (direct chats between users have their own API).
 * Agents see them except those assigned to another agent; supervisors see all.
 */
function visibleTo(actor: Actor) {
  const supervisor = ROLE_RANK[actor.role] >= ROLE_RANK.supervisor;
  return (e: HubEvent) => {
    const c = e.conversation;
    if (c?.kind === 'direct') return false;
    if (supervisor || !c) return true;
    return (
      c.assignedUserId === null || c.assignedUserId === actor.userId || c.assignedBotId !== null
    );
  };
}

export const realtimeRouter = router({
  /** The inbox stream: every workspace event the user may see. Resumable with lastEventId. */
  inbox: authedProcedure.input(resume).subscription(async function* ({ ctx, input, signal }) {
    for await (const e of eventStream({
      scope: { workspaceId: ctx.actor.workspaceId },
      accept: visibleTo(ctx.actor),
      lastEventId: input.lastEventId,
      signal,
    })) {
      yield tracked(String(e.id), clientEvent(e));
    }
  }),
  /** One conversation's stream: messages, status, typing. Another workspace's → NOT_FOUND. */
  conversation: authedProcedure
    .input(resume.extend({ conversationId: z.union([z.number().int(), z.string()]) }))
    // Authorised before the stream starts, so a refusal is a proper error, not a broken stream.
    .use(async ({ ctx, input, next }) => {
      const conversation = await loadConversation(
        ctx.actor,
        (input as { conversationId: string | number }).conversationId,
      );
      assertAccess(ctx.actor, conversation);
      return next({ ctx: { conversation } });
    })
    .subscription(async function* ({ ctx, input, signal }) {
      const c = ctx.conversation;
      for await (const e of eventStream({
        scope: { workspaceId: ctx.actor.workspaceId, conversationId: c.id },
        accept: () => true,
        lastEventId: input.lastEventId,
        signal,
      })) {
        yield tracked(String(e.id), clientEvent(e));
      }
    }),
});
