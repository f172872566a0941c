import * as chatbots from '../../services/chatbots';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentChatbot } from './present';

/** Seed 000's Chatbots module, so integrators can create a bot without the console. */
export const chatbotsRest = scopedRouter('/chatbots');
chatbotsRest.use(requireAuth);

chatbotsRest.get(
  '/chatbots',
  json(async (_req, res) => (await chatbots.listChatbots(actorOf(res))).map(presentChatbot)),
);
chatbotsRest.post(
  '/chatbots',
  json(
    async (req, res) =>
      presentChatbot(
        await chatbots.createChatbot(
          actorOf(res),
          chatbots.CreateChatbotInput.parse(req.body ?? {}),
        ),
      ),
    201,
  ),
);
chatbotsRest.get(
  '/chatbots/:id',
  json(async (req, res) =>
    presentChatbot(await chatbots.getChatbot(actorOf(res), param(req, 'id'))),
  ),
);
chatbotsRest.patch(
  '/chatbots/:id',
  json(async (req, res) =>
    presentChatbot(
      await chatbots.updateChatbot(
        actorOf(res),
        param(req, 'id'),
        chatbots.UpdateChatbotInput.parse(req.body ?? {}),
      ),
    ),
  ),
);
chatbotsRest.delete(
  '/chatbots/:id',
  json(async (req, res) => {
    await chatbots.deleteChatbot(actorOf(res), param(req, 'id'));
  }),
);
