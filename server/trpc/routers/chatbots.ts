import { z } from 'zod';
import * as chatbots from '../../services/chatbots';
import { adminProcedure, authedProcedure, router } from '../init';

const ref = z.union([z.string(), z.number().int()]);

export const chatbotsRouter = router({
  list: authedProcedure.query(({ ctx }) => chatbots.listChatbots(ctx.actor)),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(({ ctx, input }) => chatbots.getChatbot(ctx.actor, input.id)),
  create: adminProcedure
    .input(chatbots.CreateChatbotInput)
    .mutation(({ ctx, input }) => chatbots.createChatbot(ctx.actor, input)),
  update: adminProcedure
    .input(z.object({ id: ref, patch: chatbots.UpdateChatbotInput }))
    .mutation(({ ctx, input }) => chatbots.updateChatbot(ctx.actor, input.id, input.patch)),
  delete: adminProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await chatbots.deleteChatbot(ctx.actor, input.id);
    return { ok: true as const };
  }),
});
