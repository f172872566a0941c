import { z } from 'zod';
import { assertAccess, loadConversation } from '../../services/conversations/access';
import { AgentTypingInput, announceAgentTyping } from '../../services/conversations/agent-typing';
import * as assignment from '../../services/conversations/assignment-actions';
import { AssignInput } from '../../services/conversations/assignment-actions';
import { getBotInboxConversation } from '../../services/conversations/bot-inbox';
import * as lifecycle from '../../services/conversations/lifecycle';
import {
  type ConversationListQuery,
  getConversation,
  listConversations,
} from '../../services/conversations/list';
import {
  OperatorMessageInput,
  operatorMessageKey,
  sendOperatorMessage,
} from '../../services/conversations/operator-message';
import { previousConversations } from '../../services/conversations/previous';
import { snooze, unsnooze } from '../../services/conversations/snooze';
import type { ConversationSummary } from '../../services/conversations/summary-query';
import { listVariables, setVariable, VariableInput } from '../../services/conversations/variables';
import { once } from '../../services/idempotency';
import type { Page } from '../../services/pagination';
import { authedProcedure, router } from '../init';
import { consoleSavedVariable, consoleThread, consoleVariable } from '../presenters/conversation';
import { consoleSentMessage } from '../presenters/message';

const ref = z.object({ conversationId: z.union([z.number().int(), z.string()]) });

/** The console's inbox: the conversation summaries and the operator actions. */
export const conversationsRouter = router({
  // The service parses the query itself (REST hands it raw strings); parsing it here as well fed
  // the service its own output, which it refused (an absent contact_id had become 0).
  list: authedProcedure
    .input(
      z.custom<z.input<typeof ConversationListQuery>>(
        (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
        'the list query must be an object',
      ),
    )
    .query(async ({ ctx, input }) =>
      (await listConversations(ctx.actor, input, undefined, { visitorLabels: true })).parse<
        Page<ConversationSummary>
      >(),
    ),
  get: authedProcedure
    .input(ref)
    .query(({ ctx, input }) => getConversation(ctx.actor, input.conversationId)),
  /** Messages, variables and the WhatsApp window. */
  thread: authedProcedure
    .input(ref)
    .query(async ({ ctx, input }) =>
      consoleThread(await getBotInboxConversation(ctx.actor, String(input.conversationId))),
    ),
  assign: authedProcedure
    .input(ref.extend({ userId: AssignInput.shape.assigned_user }))
    .mutation(({ ctx, input }) =>
      assignment.assignConversation(
        ctx.actor,
        input.conversationId,
        input.userId ?? ctx.actor.userId,
      ),
    ),
  unassign: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => assignment.unassignConversation(ctx.actor, input.conversationId)),
  read: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => assignment.markRead(ctx.actor, input.conversationId)),
  unread: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => assignment.markUnread(ctx.actor, input.conversationId)),
  takeover: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => lifecycle.takeover(ctx.actor, input.conversationId, {})),
  release: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => lifecycle.release(ctx.actor, input.conversationId)),
  end: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => lifecycle.endConversation(ctx.actor, input.conversationId)),
  reopen: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => lifecycle.reopen(ctx.actor, input.conversationId)),
  snooze: authedProcedure
    .input(ref.extend({ until: z.union([z.string().max(64), z.number()]) }))
    .mutation(({ ctx, input }) => snooze(ctx.actor, input.conversationId, { until: input.until })),
  unsnooze: authedProcedure
    .input(ref)
    .mutation(({ ctx, input }) => unsnooze(ctx.actor, input.conversationId)),
  /** The composer's typing indicator; a private note's announces nothing (agent-typing.ts). */
  typing: authedProcedure
    .input(ref.extend(AgentTypingInput.shape))
    .mutation(({ ctx, input }) => announceAgentTyping(ctx.actor, input.conversationId, input)),
  sendMessage: authedProcedure
    .input(
      ref.extend({ message: OperatorMessageInput, idempotencyKey: z.string().max(255).optional() }),
    )
    .mutation(async ({ ctx, input }) => {
      // The same key space as the bot inbox's REST route: a retry replays the stored answer.
      const key = operatorMessageKey(ctx.actor, input.idempotencyKey);
      const data = input.message;
      const c = await loadConversation(ctx.actor, input.conversationId);
      assertAccess(ctx.actor, c);
      const result = await once(key, { conversationId: c.id, ...data }, async (tx) => ({
        status: 201,
        body: consoleSentMessage(await sendOperatorMessage(ctx.actor, c.id, data, tx)),
      }));
      return result.body;
    }),
  /** The contact's other conversations the caller may open, newest first (the side panel). */
  previous: authedProcedure
    .input(ref)
    .query(({ ctx, input }) => previousConversations(ctx.actor, input.conversationId)),
  variables: authedProcedure
    .input(ref)
    .query(async ({ ctx, input }) =>
      (await listVariables(ctx.actor, input.conversationId)).map(consoleVariable),
    ),
  setVariable: authedProcedure
    .input(ref.extend({ variable: VariableInput }))
    .mutation(async ({ ctx, input }) =>
      consoleSavedVariable(await setVariable(ctx.actor, input.conversationId, input.variable)),
    ),
});
