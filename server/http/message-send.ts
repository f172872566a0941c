import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { bearerToken } from '../auth/authenticate';
import { authenticateMessaging } from '../auth/messaging';
import { config } from '../config';
import { allowWidgetOrigin, sendCustomerMessage } from '../contracts/chatbot-platform';
import { toNestError } from '../contracts/common/nest-errors';
import { AppError, RequestError } from '../errors';
import { jsonBodyOf } from '../request/body';
import { requestLogger, tagRequest } from '../request/log';
import type { HealthState } from './app';

const SEND_PATH = '/messages/send';
/** application/json, UTF-8 said or left to the default: what jsonBody reads without a question. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-?8"?\s*)?$/i;
const DIGITS = /^\d{1,10}$/;

/**
 * The server's request listener: the widget's send served before express, everything else by
 * the app. POST /messages/send is the one HTTP request every customer message costs, and
 * express's dispatch around it (its prototypes, router, body parser and response helpers) was
 * a fifth of the request's CPU (issue 19: the CPU per answered message, docs/performance.md).
 *
 * Only the plain send is taken here: the exact path, a JSON body in UTF-8 whose Content-Length
 * is within HTTP_BODY_LIMIT_BYTES, no Content-Encoding or Transfer-Encoding, a server that is
 * ready. The rest, preflights and odd bodies included, goes to the app's own route for it
 * (messageSendRoute), which answers the same way: the same id and log line (tagRequest), CORS
 * (allowWidgetOrigin), body checks (jsonBodyOf), caller, send and error bodies (toNestError).
 * tests/message-send-fast-path.test.ts holds the two to the same answers.
 */
/** Since the process started: the sends served before express (tests, diagnostics). */
export const messageSendStats = { served: 0 };

export function withMessageSend(app: Express, health: HealthState): RequestListener {
  return (req, res) => {
    if (health.ready && isPlainSend(req)) void serveSend(req, res);
    else app(req, res);
  };
}

function isPlainSend(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if ((query < 0 ? url : url.slice(0, query)) !== SEND_PATH) return false;
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  const length = h['content-length'];
  return (
    PLAIN_JSON.test(h['content-type'] ?? '') &&
    length !== undefined &&
    DIGITS.test(length) &&
    Number(length) <= config.HTTP_BODY_LIMIT_BYTES
  );
}

async function serveSend(req: IncomingMessage & { id?: string }, res: ServerResponse) {
  messageSendStats.served++;
  tagRequest(req, res);
  allowWidgetOrigin(req.headers.origin, res);
  try {
    const body = jsonBodyOf(req, await bodyBytes(req));
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new AppError('UNAUTHORIZED', 'Unauthorized');
    const key = req.headers['idempotency-key'];
    const result = await sendCustomerMessage(
      await authenticateMessaging(token),
      body,
      typeof key === 'string' ? key : undefined,
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    answer(res, result.status, result.body);
  } catch (err) {
    const { status, body } = toNestError(err);
    if (status >= 500) requestLogger({ id: req.id ?? '' }).error({ err }, 'unhandled error');
    answer(res, status, body);
  }
}

/** The body, which node:http ends at its Content-Length (isPlainSend bounded it). */
function bodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('aborted', () => reject(new RequestError(400, 'The request body was not sent in full')));
    req.on('error', reject);
  });
}

/** express's res.status(status).json(body), which is what the app's route answers with. */
function answer(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
