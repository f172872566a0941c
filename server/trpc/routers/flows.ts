import { z } from 'zod';
import { FlowDocument, FlowGraph } from '../../../shared/flow';
import * as store from '../../services/flows/store';
import { rowId } from '../../services/ids';
import { adminProcedure, authedProcedure, router } from '../init';
import { presentFlow, presentFlowVersion } from '../presenters/flows';

/** A chatbot named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), z.number().int()]);
const chatbot = z.object({ chatbotId: ref });

/**
 * A chatbot's flow (issue 21): everyone in the workspace reads it; admins edit, publish and
 * import, as they edit the chatbot. A refused publish carries its problems in
 * `error.data.flowProblems`.
 */
export const flowsRouter = router({
  get: authedProcedure
    .input(chatbot)
    .query(async ({ ctx, input }) => presentFlow(await store.getFlow(ctx.actor, input.chatbotId))),
  saveDraft: adminProcedure
    .input(z.object({ chatbotId: ref, graph: FlowGraph }))
    .mutation(async ({ ctx, input }) =>
      presentFlow(await store.saveDraft(ctx.actor, input.chatbotId, input.graph)),
    ),
  publish: adminProcedure.input(chatbot).mutation(async ({ ctx, input }) => {
    const { published, ...flow } = await store.publishFlow(ctx.actor, input.chatbotId);
    return { ...presentFlow(flow), published: { version: published.version } };
  }),
  unpublish: adminProcedure
    .input(chatbot)
    .mutation(async ({ ctx, input }) =>
      presentFlow(await store.unpublishFlow(ctx.actor, input.chatbotId)),
    ),
  version: authedProcedure
    .input(z.object({ chatbotId: ref, version: rowId }))
    .query(async ({ ctx, input }) =>
      presentFlowVersion(await store.getFlowVersion(ctx.actor, input.chatbotId, input.version)),
    ),
  /** The draft, or `version`, as a file; header values are never in it. */
  exportJson: authedProcedure
    .input(z.object({ chatbotId: ref, version: rowId.optional() }))
    .query(({ ctx, input }) => store.exportFlow(ctx.actor, input.chatbotId, input.version)),
  /** Replaces the draft with a file's graph; header values come from what is stored. */
  importJson: adminProcedure
    .input(z.object({ chatbotId: ref, document: FlowDocument }))
    .mutation(async ({ ctx, input }) =>
      presentFlow(await store.importFlow(ctx.actor, input.chatbotId, input.document)),
    ),
});
