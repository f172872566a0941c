import {
  AssignInput,
  assignConversation,
  markRead,
  markUnread,
  unassignConversation,
} from '../../services/conversations/assignment-actions';
import { getConversation, listConversations } from '../../services/conversations/list';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import {
  presentAssignment,
  presentConversation,
  presentConversationPage,
  presentReadState,
  presentUnassignment,
} from './present';

/**
 * The inbox list, details and assign/unassign/read/unread. The GETs are also what a chatbot
 * platform client gets when its request is not seed 000's (../chatbot-platform/conversations.ts,
 * mounted first, decides: a uuid, a widget token, or `X-Contract: 000`).
 */
export const conversationsRest = scopedRouter('/conversations');
conversationsRest.use(requireAuth);

const id = (req: Parameters<typeof param>[0]) => param(req, 'id');

conversationsRest.get(
  '/conversations',
  json(async (req, res) =>
    presentConversationPage(await listConversations(actorOf(res), req.query)),
  ),
);
conversationsRest.get(
  '/conversations/:id',
  json(async (req, res) => presentConversation(await getConversation(actorOf(res), id(req)))),
);
conversationsRest.patch(
  '/conversations/:id/assign',
  json(async (req, res) => {
    const actor = actorOf(res);
    const { assigned_user } = AssignInput.parse(req.body ?? {});
    return presentAssignment(
      await assignConversation(actor, id(req), assigned_user ?? actor.userId),
    );
  }),
);
conversationsRest.patch(
  '/conversations/:id/unassign',
  json(async (req, res) => presentUnassignment(await unassignConversation(actorOf(res), id(req)))),
);
for (const [path, action] of [
  ['read', markRead],
  ['unread', markUnread],
] as const) {
  conversationsRest.patch(
    `/conversations/:id/${path}`,
    json(async (req, res) => presentReadState(await action(actorOf(res), id(req)))),
  );
}
