import { eq } from 'drizzle-orm';
import { db } from '../../db/client';
import type { Conversation } from '../../db/schema';
import { users } from '../../db/schema';
import { getBotInboxConversation, listBotInbox } from '../../services/conversations/bot-inbox';
import { endConversation, release, takeover } from '../../services/conversations/lifecycle';
import { sendOperatorMessage } from '../../services/conversations/operator-message';
import { listVariables, setVariable } from '../../services/conversations/variables';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/** Seed 002 (bot inbox for operators): camelCase, uuids, cursor pages. */
export const botInboxRest = scopedRouter('/api/conversations');
botInboxRest.use(requireAuth);

async function operatorUuid(c: Conversation) {
  if (c.assignedUserId === null) return null;
  const [u] = await db
    .select({ uuid: users.uuid })
    .from(users)
    .where(eq(users.id, c.assignedUserId));
  return u?.uuid ?? null;
}

const id = (req: Parameters<typeof param>[0]) => param(req, 'id');

botInboxRest.get(
  '/api/conversations',
  json((req, res) => listBotInbox(actorOf(res), req.query)),
);
botInboxRest.get(
  '/api/conversations/:id',
  json((req, res) => getBotInboxConversation(actorOf(res), id(req))),
);
botInboxRest.post(
  '/api/conversations/:id/takeover',
  json(async (req, res) => {
    const c = await takeover(actorOf(res), id(req), req.body ?? {});
    return { id: c.uuid, status: c.status, assignedOperatorId: await operatorUuid(c) };
  }),
);
botInboxRest.post(
  '/api/conversations/:id/release',
  json(async (req, res) => {
    const c = await release(actorOf(res), id(req));
    return { id: c.uuid, status: c.status, assignedOperatorId: null };
  }),
);
botInboxRest.post('/api/conversations/:id/messages', async (req, res) => {
  const key = req.get('Idempotency-Key') ?? undefined;
  const result = await sendOperatorMessage(actorOf(res), id(req), req.body ?? {}, key);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(result.status).json(result.body);
});
botInboxRest.post(
  '/api/conversations/:id/end',
  json(async (req, res) => {
    const c = await endConversation(actorOf(res), id(req));
    return { id: c.uuid, status: c.status };
  }),
);
botInboxRest.get(
  '/api/conversations/:id/variables',
  json(async (req, res) => ({
    variables: (await listVariables(actorOf(res), id(req))).map(({ key, value, collectedAt }) => ({
      key,
      value,
      collectedAt,
    })),
  })),
);
botInboxRest.put(
  '/api/conversations/:id/variables',
  json((req, res) => setVariable(actorOf(res), id(req), req.body ?? {})),
);
