import { SearchMessagesInput, searchMessages } from '../../services/messages/search';
import { authedProcedure, router } from '../init';

/**
 * Search across the messages the caller may see (issue 22): every role, scoped by the service
 * (an agent's colleagues' conversations stay out).
 */
export const searchRouter = router({
  messages: authedProcedure
    .input(SearchMessagesInput)
    .query(({ ctx, input }) => searchMessages(ctx.actor, input)),
});
