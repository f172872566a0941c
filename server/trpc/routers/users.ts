import { z } from 'zod';
import { attentionCounts } from '../../services/conversations/attention';
import { rowId } from '../../services/ids';
import * as users from '../../services/users';
import { adminProcedure, authedProcedure, router } from '../init';

export const usersRouter = router({
  list: authedProcedure.query(({ ctx }) => users.listUsers(ctx.actor)),
  get: authedProcedure
    .input(z.object({ id: rowId }))
    .query(({ ctx, input }) => users.getUser(ctx.actor, input.id)),
  create: adminProcedure
    .input(users.CreateUserInput)
    .mutation(({ ctx, input }) => users.createUser(ctx.actor, input)),
  update: authedProcedure
    .input(z.object({ id: rowId, patch: users.UpdateUserInput }))
    .mutation(({ ctx, input }) => users.updateUser(ctx.actor, input.id, input.patch)),
  /** What waits for the caller: their unread conversations and those waiting for a person. */
  attention: authedProcedure.query(({ ctx }) => attentionCounts(ctx.actor)),
  setAvailability: authedProcedure
    .input(users.UpdateUserInput.pick({ availability: true }).required())
    .mutation(({ ctx, input }) => users.updateUser(ctx.actor, ctx.actor.userId, input)),
});
