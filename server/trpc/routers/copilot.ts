import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { suggestReply, summarize } from '../../services/copilot/assist';
import { CopilotError, copilotStatus } from '../../services/copilot/availability';
import { latestHandoffSummary } from '../../services/copilot/handoff-summary';
import { authedProcedure, router } from '../init';

const ref = z.object({ conversationId: z.union([z.number().int(), z.string()]) });

const CODE_FOR: Record<CopilotError['kind'], TRPC_ERROR_CODE_KEY> = {
  // No key: the request is fine, the server is not set up for it (the status query says so too).
  unavailable: 'PRECONDITION_FAILED',
  rate_limited: 'TOO_MANY_REQUESTS',
  model_failed: 'BAD_GATEWAY',
};

/**
 * The one place a CopilotError becomes a TRPCError with its reason as the message: AppError
 * has no code for a missing model or a failed upstream call (its other errors pass on to
 * init.ts's mapping).
 */
const copilotProcedure = authedProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof CopilotError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: CODE_FOR[cause.kind], message: cause.message, cause });
  }
  return result;
});

/** The agents' copilot: drafts and summaries for the agent, never sent to the customer. */
export const copilotRouter = router({
  /** Whether the buttons work, and if not, the reason they show. */
  status: authedProcedure.query(() => copilotStatus()),
  /** A draft for the composer; it is not sent and not stored. */
  suggestReply: copilotProcedure
    .input(ref)
    .mutation(({ ctx, input }) => suggestReply(ctx.actor, input.conversationId)),
  /** A private summary for the agent who asks; not stored. */
  summarize: copilotProcedure
    .input(ref)
    .mutation(({ ctx, input }) => summarize(ctx.actor, input.conversationId)),
  /** The summary written when the bot handed the conversation over, or null. */
  handoffSummary: authedProcedure.input(ref).query(async ({ ctx, input }) => {
    const row = await latestHandoffSummary(ctx.actor, input.conversationId);
    return (
      row && {
        text: row.text,
        model: row.model,
        handoffAt: row.handoffAt.toISOString(),
        createdAt: row.createdAt.toISOString(),
      }
    );
  }),
});
