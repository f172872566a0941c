import type { Actor } from '../../auth/actor';
import { jsonBody } from '../../request/body';
import { verifyPublicKey } from '../../services/api-keys';
import {
  listDirectConversations,
  listDirectMessages,
  openDirectConversation,
  sendDirectMessage,
} from '../../services/direct-chat';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { laravelErrors } from './errors';
import { presentConversationPage, presentCreated, presentMessages, presentSent } from './present';
import {
  parseListQuery,
  parseMessageText,
  parseNewConversation,
  participantRefusal,
} from './requests';

/** Direct chat between users, Laravel-style: Bearer + X-PUBLIC-KEY on every route. */
const base = '/api/v1/chat/conversations';
export const directChatRest = scopedRouter(base);

directChatRest.use(jsonBody, requireAuth, async (req, res, next) => {
  await verifyPublicKey(actorOf(res).workspaceId, req.get('X-PUBLIC-KEY'));
  next();
});

/** POST /conversations as the contract answers it (the test world opens chats through it too). */
export async function createDirectConversation(actor: Actor, body: Record<string, unknown>) {
  const input = parseNewConversation(body);
  const opened = await openDirectConversation(actor, input).catch((err: unknown) => {
    throw participantRefusal(err);
  });
  return presentCreated(opened);
}

directChatRest.post(
  base,
  json((req, res) => createDirectConversation(actorOf(res), req.body ?? {}), 201),
);
directChatRest.get(
  base,
  json(async (req, res) => {
    const page = parseListQuery(req.query);
    return presentConversationPage(await listDirectConversations(actorOf(res), page), page);
  }),
);
directChatRest.get(
  `${base}/:uuid/messages`,
  json(async (req, res) =>
    presentMessages(await listDirectMessages(actorOf(res), param(req, 'uuid'))),
  ),
);
directChatRest.post(
  `${base}/:uuid/messages`,
  json(async (req, res) => {
    const text = parseMessageText(req.body ?? {});
    return presentSent(await sendDirectMessage(actorOf(res), param(req, 'uuid'), text));
  }, 201),
);

directChatRest.use(laravelErrors);
