import { z } from 'zod';
import { conversationTimeline } from '../../services/conversations/timeline';
import { authedProcedure, router } from '../init';
import { consoleTimelineEntry } from '../presenters/timeline';

const ref = z.object({ conversationId: z.union([z.string().max(64), z.number().int()]) });

/**
 * A conversation's timeline of who did what (issue 22): assignments, takeovers, releases, the
 * bot's handoffs, ends, reopens. The console's thread is its only exit; customers never see it.
 */
export const timelineRouter = router({
  list: authedProcedure
    .input(ref)
    .query(async ({ ctx, input }) =>
      (await conversationTimeline(ctx.actor, input.conversationId)).map(consoleTimelineEntry),
    ),
});
