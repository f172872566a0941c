import { Router } from 'express';
import { findChatbot } from '../services/chatbots';
import { deleteConversation, updateStatus } from '../services/conversations/lifecycle';
import { seed000Conversation } from '../services/conversations/shapes';
import { agentCaller } from '../services/messages/caller';
import { createOrFindConversation } from '../services/messages/send';
import { actorOf, json, param, requireAuth } from './handler';

/**
 * Seed 000 (Conversations module): POST, PATCH and DELETE. GET /conversations and
 * GET /conversations/:id answer seed 003's richer shape (rest/seed003/conversations.ts).
 */
export const seed000Rest = Router();
seed000Rest.use('/conversations', requireAuth);

seed000Rest.post(
  '/conversations',
  json(
    async (req, res) =>
      (await createOrFindConversation(agentCaller(actorOf(res)), req.body ?? {})).body,
    201,
  ),
);

seed000Rest.patch(
  '/conversations/:id',
  json(async (req, res) => {
    const actor = actorOf(res);
    const c = await updateStatus(actor, param(req, 'id'), req.body ?? {});
    const chatbot = c.chatbotId ? await findChatbot(actor.workspaceId, c.chatbotId) : null;
    return seed000Conversation(c, { chatbotUuid: chatbot?.uuid ?? null });
  }),
);

seed000Rest.delete(
  '/conversations/:id',
  json(async (req, res) => {
    await deleteConversation(actorOf(res), param(req, 'id'));
  }),
);
