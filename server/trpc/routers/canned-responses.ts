import { z } from 'zod';
import {
  CreateCannedInput,
  ListCannedInput,
  UpdateCannedInput,
} from '../../services/canned-responses/inputs';
import { renderCanned } from '../../services/canned-responses/render';
import * as canned from '../../services/canned-responses/store';
import { authedProcedure, router } from '../init';

/** A row named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), z.number().int()]);

/**
 * Canned responses: every agent writes their own; the service lets supervisors and admins write
 * the shared ones, so each procedure is open to every role.
 */
export const cannedResponsesRouter = router({
  list: authedProcedure
    .input(ListCannedInput.optional())
    .query(({ ctx, input }) => canned.listCanned(ctx.actor, input)),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(({ ctx, input }) => canned.getCanned(ctx.actor, input.id)),
  create: authedProcedure
    .input(CreateCannedInput)
    .mutation(({ ctx, input }) => canned.createCanned(ctx.actor, input)),
  update: authedProcedure
    .input(z.object({ id: ref, patch: UpdateCannedInput }))
    .mutation(({ ctx, input }) => canned.updateCanned(ctx.actor, input.id, input.patch)),
  delete: authedProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await canned.deleteCanned(ctx.actor, input.id);
    return { ok: true as const };
  }),
  /** The body filled for a conversation's contact and the calling agent, to insert as a draft. */
  render: authedProcedure
    .input(z.object({ id: ref, conversationId: ref }))
    .query(({ ctx, input }) => renderCanned(ctx.actor, input.id, input.conversationId)),
});
