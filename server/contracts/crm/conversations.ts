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

/** Seed 003: the inbox list (also seed 000's GET), details and assign/unassign/read/unread. */
export const conversationsRest = scopedRouter('/conversations');
conversationsRest.use(requireAuth);

const id = (req: Parameters<typeof param>[0]) => param(req, 'id');

conversationsRest.get(
  '/conversations',
  json((req, res) => listConversations(actorOf(res), req.query)),
);
conversationsRest.get(
  '/conversations/:id',
  json((req, res) => getConversation(actorOf(res), id(req))),
);
conversationsRest.patch(
  '/conversations/:id/assign',
  json(async (req, res) => {
    const actor = actorOf(res);
    const { assigned_user } = AssignInput.parse(req.body ?? {});
    const c = await assignConversation(actor, id(req), assigned_user ?? actor.userId);
    return {
      id: c.id,
      assigned_user: c.assignedUserId,
      assigned_bot: c.assignedBotId,
      unread_count: c.unreadCount,
      updated_at: c.updatedAt.toISOString(),
    };
  }),
);
conversationsRest.patch(
  '/conversations/:id/unassign',
  json(async (req, res) => {
    const c = await unassignConversation(actorOf(res), id(req));
    return {
      id: c.id,
      assigned_user: c.assignedUserId,
      assigned_bot: c.assignedBotId,
      updated_at: c.updatedAt.toISOString(),
    };
  }),
);
for (const [path, action] of [
  ['read', markRead],
  ['unread', markUnread],
] as const) {
  conversationsRest.patch(
    `/conversations/:id/${path}`,
    json(async (req, res) => {
      const c = await action(actorOf(res), id(req));
      return {
        id: c.id,
        read: c.read,
        unread_count: c.unreadCount,
        updated_at: c.updatedAt.toISOString(),
      };
    }),
  );
}
