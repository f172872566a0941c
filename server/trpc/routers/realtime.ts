import { tracked } from '@trpc/server';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import type { HubEvent } from '../../realtime/event-reads';
import { eventStream } from '../../realtime/stream';
import { assertAccess, canAccess, loadConversation } from '../../services/conversations/access';
import type { ConnectionAuth } from '../context';
import { authedProcedure, router, toTRPCError } from '../init';
import { clientEvent } from '../presenters/event';

const resume = z.object({ lastEventId: z.coerce.number().int().min(0).nullish() });

/**
 * The inbox carries customer conversations (direct chats between users have their own API).
 * Agents see them except those assigned to another agent; supervisors see all.
 */
function visibleTo(actor: Actor, e: HubEvent): boolean {
  const c = e.conversation;
  if (c?.kind === 'direct') return false;
  return !c || canAccess(actor, c);
}

/**
 * The caller as of now. Over a socket the login lives on while a stream is open: a new role
 * counts from the next event, an ended login sees nothing (its socket is closing).
 */
function actorNow(ctx: { actor: Actor; connection?: ConnectionAuth }): Actor | null {
  if (!ctx.connection) return ctx.actor;
  return ctx.connection.identity?.actor ?? null;
}

/**
 * A signal that aborts with `signal`, or when the connection's identity changes and `check`
 * then refuses it; `lost()` is that refusal, thrown by the stream so the client sees why.
 */
function whileAllowed(
  connection: ConnectionAuth | undefined,
  signal: AbortSignal | undefined,
  check: (actor: Actor) => Promise<void>,
) {
  const ended = new AbortController();
  let lost: unknown;
  const onAbort = () => ended.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const stopWatching = connection?.onChange(() => {
    const actor = connection.identity?.actor;
    if (!actor) return;
    check(actor).catch((err: unknown) => {
      lost = err;
      ended.abort();
    });
  });
  return {
    signal: ended.signal,
    lost: () => lost,
    stop() {
      signal?.removeEventListener('abort', onAbort);
      stopWatching?.();
    },
  };
}

/** A stream's events as tRPC items; a domain error ending it reaches the client as its code. */
async function* trackedEvents(events: AsyncIterable<HubEvent>) {
  try {
    for await (const e of events) yield tracked(String(e.id), clientEvent(e));
  } catch (err) {
    throw toTRPCError(err) ?? err;
  }
}

export const realtimeRouter = router({
  /** The inbox stream: every workspace event the user may see. Resumable with lastEventId. */
  inbox: authedProcedure.input(resume).subscription(({ ctx, input, signal }) =>
    trackedEvents(
      eventStream({
        scope: { workspaceId: ctx.actor.workspaceId },
        accept: (e) => {
          const actor = actorNow(ctx);
          return actor !== null && visibleTo(actor, e);
        },
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
  ),
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
    .subscription(({ ctx, input, signal }) => {
      const c = ctx.conversation;
      // A demoted supervisor's stream of a colleague's conversation ends with the demotion.
      const allowed = whileAllowed(ctx.connection, signal, async (actor) => {
        assertAccess(actor, await loadConversation(actor, c.id));
      });
      return trackedEvents(
        (async function* () {
          try {
            yield* eventStream({
              scope: { workspaceId: ctx.actor.workspaceId, conversationId: c.id },
              accept: () => actorNow(ctx) !== null,
              lastEventId: input.lastEventId,
              signal: allowed.signal,
            });
          } finally {
            allowed.stop();
          }
          if (allowed.lost()) throw allowed.lost();
        })(),
      );
    }),
});
