import { Router } from 'express';
import { agentCaller } from '../services/messages/caller';
import { getMessage, listConversationMessages } from '../services/messages/queries';
import { sendCustomerMessage } from '../services/messages/send';
import { actorOf, json, param, requireAuth } from './handler';

/** Seed 001 (Messages module): send (202), a conversation's messages, one message. */
export const seed001Rest = Router();
seed001Rest.use('/messages', requireAuth);

seed001Rest.post('/messages/send', async (req, res) => {
  const key = req.get('Idempotency-Key') ?? undefined;
  const result = await sendCustomerMessage(agentCaller(actorOf(res)), req.body ?? {}, key);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(result.status).json(result.body);
});

seed001Rest.get(
  '/messages/conversation/:conversationId',
  json((req, res) =>
    listConversationMessages(agentCaller(actorOf(res)), param(req, 'conversationId'), req.query),
  ),
);

seed001Rest.get(
  '/messages/:id',
  json((req, res) => getMessage(agentCaller(actorOf(res)), param(req, 'id'))),
);
