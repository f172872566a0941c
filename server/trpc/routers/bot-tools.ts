import { z } from 'zod';
import { conversationToolCalls } from '../../services/bot-tools/calls';
import { CreateToolInput, UpdateToolInput } from '../../services/bot-tools/definitions';
import * as tools from '../../services/bot-tools/tools';
import { adminProcedure, authedProcedure, router } from '../init';
import { consoleToolCall } from '../presenters/tool-call';

/** A row named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), z.number().int()]);

/** A chatbot's custom HTTP tools: admins write them; supervisors and agents read them. */
export const botToolsRouter = router({
  list: authedProcedure
    .input(z.object({ chatbotId: ref }))
    .query(({ ctx, input }) => tools.listTools(ctx.actor, input.chatbotId)),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(({ ctx, input }) => tools.getTool(ctx.actor, input.id)),
  create: adminProcedure
    .input(CreateToolInput)
    .mutation(({ ctx, input }) => tools.createTool(ctx.actor, input)),
  update: adminProcedure
    .input(z.object({ id: ref, patch: UpdateToolInput }))
    .mutation(({ ctx, input }) => tools.updateTool(ctx.actor, input.id, input.patch)),
  delete: adminProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await tools.deleteTool(ctx.actor, input.id);
    return { ok: true as const };
  }),
  /** The calls the bot made in a conversation, for its thread (agents only; customers never). */
  calls: authedProcedure
    .input(z.object({ conversationId: ref }))
    .query(async ({ ctx, input }) =>
      (await conversationToolCalls(ctx.actor, input.conversationId)).map(consoleToolCall),
    ),
});
