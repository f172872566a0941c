import { z } from 'zod';
import * as integrations from '../../services/integrations';
import { adminProcedure, router } from '../init';

const ref = z.union([z.string(), z.number().int()]);

export const integrationsRouter = router({
  list: adminProcedure.query(({ ctx }) => integrations.listIntegrations(ctx.actor)),
  get: adminProcedure
    .input(z.object({ id: ref }))
    .query(({ ctx, input }) => integrations.getIntegration(ctx.actor, input.id)),
  create: adminProcedure
    .input(integrations.CreateIntegrationInput)
    .mutation(({ ctx, input }) => integrations.createIntegration(ctx.actor, input)),
  update: adminProcedure
    .input(z.object({ id: ref, patch: integrations.UpdateIntegrationInput }))
    .mutation(({ ctx, input }) => integrations.updateIntegration(ctx.actor, input.id, input.patch)),
  delete: adminProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await integrations.deleteIntegration(ctx.actor, input.id);
    return { ok: true as const };
  }),
});
