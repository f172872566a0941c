import { z } from 'zod';
import * as cases from '../../services/bot-tests/cases';
import { CreateCaseInput, UpdateCaseInput } from '../../services/bot-tests/definitions';
import { caseFromConversation } from '../../services/bot-tests/from-conversation';
import * as runs from '../../services/bot-tests/runs';
import { adminProcedure, authedProcedure, router, supervisorProcedure } from '../init';
import { presentCase, presentRun, presentRunDetail } from '../presenters/bot-tests';

/** A row named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), z.number().int()]);
const chatbot = z.object({ chatbotId: ref });

/**
 * A chatbot's test suite (issue 21): everyone in the workspace reads cases and runs; admins
 * write cases, run the suite and set whether publishing requires it; admins and supervisors
 * turn a real conversation into a case.
 */
export const botTestsRouter = router({
  list: authedProcedure
    .input(chatbot)
    .query(async ({ ctx, input }) =>
      (await cases.listCases(ctx.actor, input.chatbotId)).map(presentCase),
    ),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(async ({ ctx, input }) => presentCase(await cases.getCase(ctx.actor, input.id))),
  create: adminProcedure
    .input(z.object({ chatbotId: ref, testCase: CreateCaseInput }))
    .mutation(async ({ ctx, input }) =>
      presentCase(await cases.createCase(ctx.actor, input.chatbotId, input.testCase)),
    ),
  update: adminProcedure
    .input(z.object({ id: ref, patch: UpdateCaseInput }))
    .mutation(async ({ ctx, input }) =>
      presentCase(await cases.updateCase(ctx.actor, input.id, input.patch)),
    ),
  delete: adminProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await cases.deleteCase(ctx.actor, input.id);
    return { ok: true as const };
  }),
  /** Runs the suite (or `caseIds` of it) against the chatbot's draft; stored in the history. */
  run: adminProcedure
    .input(z.object({ chatbotId: ref, caseIds: z.array(ref).min(1).max(500).optional() }))
    .mutation(async ({ ctx, input }) =>
      presentRunDetail(await runs.runSuite(ctx.actor, input.chatbotId, input.caseIds)),
    ),
  /** The chatbot's newest runs, newest first (counts only). */
  runs: authedProcedure
    .input(chatbot)
    .query(async ({ ctx, input }) =>
      (await runs.listRuns(ctx.actor, input.chatbotId)).map(presentRun),
    ),
  /** One run with every case's transcript and the difference from the previous run. */
  runDetail: authedProcedure
    .input(z.object({ runId: ref }))
    .query(async ({ ctx, input }) => presentRunDetail(await runs.getRun(ctx.actor, input.runId))),
  fromConversation: supervisorProcedure
    .input(z.object({ conversationId: ref, name: z.string().trim().min(1).max(200) }))
    .mutation(async ({ ctx, input }) =>
      presentCase(await caseFromConversation(ctx.actor, input.conversationId, input.name)),
    ),
  settings: authedProcedure
    .input(chatbot)
    .query(({ ctx, input }) => cases.getSettings(ctx.actor, input.chatbotId)),
  updateSettings: adminProcedure
    .input(z.object({ chatbotId: ref, requireTestsToPublish: z.boolean() }))
    .mutation(({ ctx, input }) =>
      cases.updateSettings(ctx.actor, input.chatbotId, {
        requireTestsToPublish: input.requireTestsToPublish,
      }),
    ),
});
