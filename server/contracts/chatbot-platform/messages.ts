import { getMessage, listConversationMessages } from '../../services/messages/queries';
import { sendCustomerMessage } from '../../services/messages/send';
import { json, param } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { callerOf, requireCaller } from './widget-session';

/**
 * Seed 001 (Messages module): send (202), a conversation's messages, one message. An agent's
 * token or a widget session token (limited to that visitor's conversations with its chatbot).
 */
export const platformMessagesRest = scopedRouter('/messages');
platformMessagesRest.use(requireCaller);

platformMessagesRest.post('/messages/send', async (req, res) => {
  const key = req.get('Idempotency-Key') ?? undefined;
  const result = await sendCustomerMessage(callerOf(res), req.body ?? {}, key);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(result.status).json(result.body);
});

platformMessagesRest.get(
  '/messages/conversation/:conversationId',
  json((req, res) =>
    listConversationMessages(callerOf(res), param(req, 'conversationId'), req.query),
  ),
);

platformMessagesRest.get(
  '/messages/:id',
  json((req, res) => getMessage(callerOf(res), param(req, 'id'))),
);
