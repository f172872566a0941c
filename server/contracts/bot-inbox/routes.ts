import { eq } from 'drizzle-orm';
import { config } from '../../config';
import { db } from '../../db/client';
import type { Conversation, Message } from '../../db/schema';
import { messages, users } from '../../db/schema';
import { hub } from '../../realtime/hub';
import { assertAccess, loadConversation } from '../../services/conversations/access';
import { getBotInboxConversation } from '../../services/conversations/bot-inbox';
import { endConversation, release, takeover } from '../../services/conversations/lifecycle';
import {
  OperatorMessageInput,
  operatorMessageKey,
  sendOperatorMessage,
} from '../../services/conversations/operator-message';
import { listVariables, setVariable } from '../../services/conversations/variables';
import { once } from '../../services/idempotency';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { listBotInbox } from './list';
import {
  presentConversation,
  presentSentMessage,
  presentVariable,
  presentVariables,
} from './present';

/** The bot inbox for operators: camelCase, uuids, cursor pages. */
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
  json(async (req, res) =>
    presentConversation(await getBotInboxConversation(actorOf(res), id(req))),
  ),
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
const currentMessage = async (messageId: number): Promise<Message | undefined> =>
  (await db.select().from(messages).where(eq(messages.id, messageId)))[0];

/**
 * The message once its send has an outcome (the worker's `message:status`), or as it is when
 * `OPERATOR_SEND_WAIT_MS` runs out. Subscribed before the first read, so an outcome committed in
 * between is seen by the read; no connection is held while waiting.
 */
async function sendOutcome(message: Message): Promise<Message> {
  const bound = config.OPERATOR_SEND_WAIT_MS;
  if (bound === 0) return message;
  let settle = () => {};
  const changed = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const unsubscribe = hub.subscribe((e) => {
    if (e.type === 'message:status' && e.payload.messageId === message.id) settle();
  });
  const timer = setTimeout(settle, bound);
  try {
    const now = await currentMessage(message.id);
    if (now?.status !== 'pending') return now ?? message;
    await changed;
    return (await currentMessage(message.id)) ?? message;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}

// A retry with the same Idempotency-Key gets the stored answer again (the message as accepted,
// before its send: the key is stored in the message's transaction), marked as a replay.
botInboxRest.post('/api/conversations/:id/messages', async (req, res) => {
  const actor = actorOf(res);
  const key = operatorMessageKey(actor, req.get('Idempotency-Key') ?? undefined);
  const data = OperatorMessageInput.parse(req.body ?? {});
  // Checked first: a replay needs access as much as the message does, and names the conversation
  // by its id whichever reference the request used.
  const c = await loadConversation(actor, id(req));
  assertAccess(actor, c);
  let accepted: Message | undefined;
  const result = await once(key, { conversationId: c.id, ...data }, async (tx) => {
    accepted = await sendOperatorMessage(actor, c.id, data, tx);
    return { status: 201, body: presentSentMessage(accepted) };
  });
  if (!accepted) {
    // No message was written by this request: a replay of the stored answer.
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
    return;
  }
  res.status(201).json(presentSentMessage(await sendOutcome(accepted)));
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
  json(async (req, res) => presentVariables(await listVariables(actorOf(res), id(req)))),
);
botInboxRest.put(
  '/api/conversations/:id/variables',
  json(async (req, res) =>
    presentVariable(await setVariable(actorOf(res), id(req), req.body ?? {})),
  ),
);
