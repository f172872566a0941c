import { z } from 'zod';
import {
  CreateApiKeyInput,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../services/api-keys';
import { rowId } from '../../services/ids';
import { adminProcedure, router } from '../init';

/** API clients' keys (seed 004's X-PUBLIC-KEY); the key is shown once, at creation. */
export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.actor)),
  create: adminProcedure
    .input(CreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.actor, input)),
  revoke: adminProcedure
    .input(z.object({ id: rowId }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input.id)),
});
