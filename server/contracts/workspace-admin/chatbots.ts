import * as chatbots from '../../services/chatbots';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/** Seed 000's Chatbots module, so integrators can create a bot without the console. */
export const chatbotsRest = scopedRouter('/chatbots');
chatbotsRest.use(requireAuth);

chatbotsRest.get(
  '/chatbots',
  json((_req, res) => chatbots.listChatbots(actorOf(res))),
);
chatbotsRest.post(
  '/chatbots',
  json(
    (req, res) =>
      chatbots.createChatbot(actorOf(res), chatbots.CreateChatbotInput.parse(req.body ?? {})),
    201,
  ),
);
chatbotsRest.get(
  '/chatbots/:id',
  json((req, res) => chatbots.getChatbot(actorOf(res), param(req, 'id'))),
);
chatbotsRest.patch(
  '/chatbots/:id',
  json((req, res) =>
    chatbots.updateChatbot(
      actorOf(res),
      param(req, 'id'),
      chatbots.UpdateChatbotInput.parse(req.body ?? {}),
    ),
  ),
);
chatbotsRest.delete(
  '/chatbots/:id',
  json(async (req, res) => {
    await chatbots.deleteChatbot(actorOf(res), param(req, 'id'));
  }),
);
