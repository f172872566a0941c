import { findChatbot } from '../services/chatbots';
import { deleteConversation, updateStatus } from '../services/conversations/lifecycle';
import { seed000Conversation } from '../services/conversations/shapes';
import { createOrFindConversation } from '../services/messages/send';
import { actorOf, json, param, requireAuth } from './handler';
import { scopedRouter } from './scoped-router';
import { callerOf, requireCaller } from './widget';

/**
 * Seed 000 (Conversations module): POST (an agent or a widget session), PATCH and DELETE.
 * GET /conversations and GET /conversations/:id answer seed 003's richer shape
 * (rest/seed003/conversations.ts).
 */
export const seed000Rest = scopedRouter('/conversations');

seed000Rest.post(
  '/conversations',
  requireCaller,
  json(
    async (req, res) => (await createOrFindConversation(callerOf(res), req.body ?? {})).body,
    201,
  ),
);

seed000Rest.patch(
  '/conversations/:id',
  requireAuth,
  json(async (req, res) => {
    const actor = actorOf(res);
    const c = await updateStatus(actor, param(req, 'id'), req.body ?? {});
    const chatbot = c.chatbotId ? await findChatbot(actor.workspaceId, c.chatbotId) : null;
    return seed000Conversation(c, { chatbotUuid: chatbot?.uuid ?? null });
  }),
);

seed000Rest.delete(
  '/conversations/:id',
  requireAuth,
  json(async (req, res) => {
    await deleteConversation(actorOf(res), param(req, 'id'));
  }),
);
