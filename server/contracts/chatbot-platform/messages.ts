import type { RequestHandler } from 'express';
import { callerScope, type MessagingCaller } from '../../auth/messaging-caller';
import { jsonBody } from '../../request/body';
import { once } from '../../services/idempotency';
import { getMessage, listConversationMessages } from '../../services/messages/queries';
import { acceptCustomerMessage, parseCustomerSend } from '../../services/messages/send';
import { json, param } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentAccepted, presentMessage } from './present';
import { callerOf, requireCaller, widgetCors } from './widget-session';

/**
 * Seed 001 (Messages module): send (202), a conversation's messages, one message. An agent's
 * token or a widget session token (limited to that visitor's conversations with its chatbot).
 */
export const platformMessagesRest = scopedRouter('/messages');
platformMessagesRest.use(requireCaller);

/**
 * POST /messages/send's answer. With an Idempotency-Key the send and the key's stored answer
 * share one transaction, and a retry replays that answer (`replayed`).
 */
export async function sendCustomerMessage(
  caller: MessagingCaller,
  body: unknown,
  idempotencyKey?: string,
) {
  const data = parseCustomerSend(caller, (body ?? {}) as Parameters<typeof parseCustomerSend>[1]);
  if (!idempotencyKey) {
    const accepted = await acceptCustomerMessage(caller, data);
    return { status: 202, body: presentAccepted(accepted), replayed: false };
  }
  const key = {
    workspaceId: caller.workspaceId,
    scope: callerScope(caller, 'messages.send'),
    key: idempotencyKey,
  };
  return once(key, data, async (tx) => ({
    status: 202,
    body: presentAccepted(await acceptCustomerMessage(caller, data, tx)),
  }));
}

/**
 * POST /messages/send through express: every form of the send the server's listener leaves to
 * the app (server/http/message-send.ts serves the plain one before express, with the same
 * parts), mounted ahead of the other routers (server/http/app.ts). Its CORS, body and caller
 * are the rest of /messages' own.
 */
export const messageSendRoute: RequestHandler[] = [
  widgetCors,
  jsonBody,
  requireCaller,
  async (req, res) => {
    const key = req.get('Idempotency-Key') ?? undefined;
    const result = await sendCustomerMessage(callerOf(res), req.body, key);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  },
];

platformMessagesRest.get(
  '/messages/conversation/:conversationId',
  json(async (req, res) => {
    const { conversation, page } = await listConversationMessages(
      callerOf(res),
      param(req, 'conversationId'),
      req.query,
    );
    return { ...page, data: page.data.map((m) => presentMessage(m, conversation.uuid)) };
  }),
);

platformMessagesRest.get(
  '/messages/:id',
  json(async (req, res) => {
    const { message, conversation } = await getMessage(callerOf(res), param(req, 'id'));
    return presentMessage(message, conversation.uuid);
  }),
);
