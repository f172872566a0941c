import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { bearerToken } from '../../auth/authenticate';
import { authenticateMessaging } from '../../auth/messaging';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { AppError } from '../../errors';
import { createWidgetSession } from '../../services/widget';
import { json } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/**
 * CORS for what an embedded widget calls from customers' sites. Auth is a bearer token (no
 * cookies), so reflecting the Origin is safe; the chatbot's allow-list is checked at session time.
 * `X-File-Name` names a visitor's upload (server/http/widget-files.ts).
 */
export const widgetCors: RequestHandler = (req, res, next) => {
  allowWidgetOrigin(req.headers.origin, res);
  if (req.method === 'OPTIONS') return void res.status(204).end();
  next();
};

/** widgetCors' headers for a request from `origin` (none without one). */
export function allowWidgetOrigin(origin: string | undefined, res: ServerResponse): void {
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, Idempotency-Key, X-File-Name',
  );
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** An agent's access token or a widget session token (seeds 000/001 customer endpoints). */
export async function requireCaller(
  req: Parameters<RequestHandler>[0],
  res: Parameters<RequestHandler>[1],
  next: () => void,
) {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new AppError('UNAUTHORIZED', 'Unauthorized');
  res.locals.caller = await authenticateMessaging(token);
  next();
}

export const callerOf = (res: Parameters<RequestHandler>[1]) =>
  res.locals.caller as MessagingCaller;

/** Every path a widget token may call: the session, seed 000's find-or-create, seed 001. */
export const widgetRest = scopedRouter('/widget', '/messages', '/conversations');
widgetRest.use(['/widget', '/messages'], widgetCors);
// Only the collection: /conversations/:id is the console's (seed 003), never a widget's.
widgetRest.all('/conversations', widgetCors);
widgetRest.post(
  '/widget/session',
  json((req) => createWidgetSession(req.body ?? {}, req.get('Origin')), 201),
);
