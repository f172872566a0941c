import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../../auth/authenticate';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { tokenUse } from '../../auth/tokens';
import { findChatbot } from '../../services/chatbots';
import { deleteConversation, updateStatus } from '../../services/conversations/lifecycle';
import {
  getChatbotConversation,
  listChatbotConversations,
} from '../../services/conversations/platform-list';
import { isUuid } from '../../services/ids';
import { createOrFindConversation } from '../../services/messages/send';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentConversation, presentConversationList } from './present';
import { callerOf, requireCaller } from './widget-session';

/**
 * Seed 000 (Conversations module): POST (an agent or a widget session), GET, PATCH and DELETE.
 * Seed 003 shares the GETs (contracts/crm/conversations.ts, mounted after this router): a GET
 * that is not seed 000's by the rules below passes on to it (`next('route')`).
 */
export const platformConversationsRest = scopedRouter('/conversations');

/** Tells seed-000 integrators' list requests from the console's (docs/api.md). */
export const CONTRACT_HEADER = 'X-Contract';
const PLATFORM_LIST_PARAMS = new Set(['page', 'limit']);

/**
 * Seed 000's list goes to every widget token, and to a user token that asks for it with
 * `X-Contract: 000` and no query parameter other than page/limit: seed 003's filters have no
 * meaning in seed 000's list, so such a request stays the console's. Read from the token's
 * claims without verifying them: requireCaller verifies next, and a forged claim only picks
 * which contract answers 401.
 */
function platformList(req: Request, res: Response, next: NextFunction) {
  res.vary(CONTRACT_HEADER);
  const token = bearerToken(req.headers.authorization);
  const widget = token !== undefined && tokenUse(token) === 'widget';
  const asked =
    req.get(CONTRACT_HEADER)?.trim() === '000' &&
    Object.keys(req.query).every((key) => PLATFORM_LIST_PARAMS.has(key));
  next(widget || asked ? undefined : 'route');
}

/** A uuid names a seed-000 conversation; an integer id a seed-003 one. */
function platformId(req: Request, _res: Response, next: NextFunction) {
  next(isUuid(param(req, 'id').trim()) ? undefined : 'route');
}

const agentCaller = (res: Response): MessagingCaller => {
  const actor = actorOf(res);
  return { kind: 'agent', workspaceId: actor.workspaceId, actor };
};

platformConversationsRest.get(
  '/conversations',
  platformList,
  requireCaller,
  json(async (req, res) =>
    presentConversationList(await listChatbotConversations(callerOf(res), req.query)),
  ),
);

// A widget reads its conversations through the list; one conversation is the console's.
platformConversationsRest.get(
  '/conversations/:id',
  platformId,
  requireAuth,
  json(async (req, res) => {
    const found = await getChatbotConversation(agentCaller(res), param(req, 'id'));
    return presentConversation(found.conversation, found);
  }),
);

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
