import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { type Logger, logger } from '../logger';

const SAFE_ID = /^[\w.-]{1,100}$/;

/**
 * A request's logger: its lines carry the request id. Made when something is to be logged,
 * not on every request (a pino child runs the redaction over its bindings when it is made).
 */
export function requestLogger(req: Pick<Request, 'id'>): Logger {
  return req.id ? logger.child({ requestId: req.id }) : logger;
}

/** A request as node:http hands it over, with the id tagRequest gives it. */
type TaggedRequest = IncomingMessage & { id?: string; originalUrl?: string };

/**
 * Gives a request its id (taken from X-Request-Id when sane) and, at `info`, its log line when
 * answered: express's requests (requestLog) and the widget's send, served before express
 * (server/http/message-send.ts).
 */
export function tagRequest(req: TaggedRequest, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  if (logger.isLevelEnabled('info')) {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // originalUrl: a mounted router (tRPC's, seed 004's) strips its prefix from req.path.
      const path = (req.originalUrl ?? req.url ?? '').split('?', 1)[0];
      if (path === '/healthz') return;
      logger.info(
        {
          requestId: id,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
  }
  return id;
}

/** A request id on every request and a log line at `info` (tagRequest). */
export const requestLog: RequestHandler = (req, res, next) => {
  tagRequest(req, res);
  next();
};
