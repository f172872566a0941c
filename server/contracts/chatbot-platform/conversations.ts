import { findChatbot } from '../../services/chatbots';
import { deleteConversation, updateStatus } from '../../services/conversations/lifecycle';
import { createOrFindConversation } from '../../services/messages/send';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentConversation } from './present';
import { callerOf, requireCaller } from './widget-session';

/**
 * Seed 000 (Conversations module): POST (an agent or a widget session), PATCH and DELETE.
 * GET /conversations and GET /conversations/:id answer seed 003's richer shape
 * (contracts/crm/conversations.ts).
 */
export const platformConversationsRest = scopedRouter('/conversations');

platformConversationsRest.post(
  '/conversations',
  requireCaller,
  json(async (req, res) => {
    const found = await createOrFindConversation(callerOf(res), req.body ?? {});
    return presentConversation(found.conversation, found);
  }, 201),
);

platformConversationsRest.patch(
  '/conversations/:id',
  requireAuth,
  json(async (req, res) => {
    const actor = actorOf(res);
    const c = await updateStatus(actor, param(req, 'id'), req.body ?? {});
    const chatbot = c.chatbotId ? await findChatbot(actor.workspaceId, c.chatbotId) : null;
    return presentConversation(c, { chatbotUuid: chatbot?.uuid ?? null });
  }),
);

platformConversationsRest.delete(
  '/conversations/:id',
  requireAuth,
  json(async (req, res) => {
    await deleteConversation(actorOf(res), param(req, 'id'));
  }),
);
