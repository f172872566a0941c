import { z } from 'zod';
import { conversationSurvey } from '../../services/csat/conversation-survey';
import { authedProcedure, router } from '../init';

const ref = z.object({ conversationId: z.union([z.string().max(64), z.number().int()]) });

/**
 * Customer satisfaction in the console: a conversation's survey (its figures per agent and per
 * day are on the dashboard, stats.dashboard's `csat`).
 */
export const csatRouter = router({
  forConversation: authedProcedure
    .input(ref)
    .query(({ ctx, input }) => conversationSurvey(ctx.actor, input.conversationId)),
});
