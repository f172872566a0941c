import { z } from 'zod';
import { presentChatbot } from '../../contracts/workspace-admin/present';
import * as chatbots from '../../services/chatbots';
import { adminProcedure, authedProcedure, router } from '../init';
import { chatbotResponder } from '../presenters/chatbot-responder';

const ref = z.union([z.string(), z.number().int()]);

export const chatbotsRouter = router({
  list: authedProcedure.query(async ({ ctx }) =>
    (await chatbots.listChatbots(ctx.actor)).map(presentChatbot),
  ),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(async ({ ctx, input }) =>
      presentChatbot(await chatbots.getChatbot(ctx.actor, input.id)),
    ),
  /** The responder that answers this chatbot's customers and why (the settings page says it). */
  responder: authedProcedure
    .input(z.object({ id: ref }))
    .query(async ({ ctx, input }) =>
      chatbotResponder(await chatbots.getChatbot(ctx.actor, input.id)),
    ),
  create: adminProcedure
    .input(chatbots.CreateChatbotInput)
    .mutation(async ({ ctx, input }) =>
      presentChatbot(await chatbots.createChatbot(ctx.actor, input)),
    ),
  update: adminProcedure
    .input(z.object({ id: ref, patch: chatbots.UpdateChatbotInput }))
    .mutation(async ({ ctx, input }) =>
      presentChatbot(await chatbots.updateChatbot(ctx.actor, input.id, input.patch)),
    ),
  delete: adminProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await chatbots.deleteChatbot(ctx.actor, input.id);
    return { ok: true as const };
  }),
});
