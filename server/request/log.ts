import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { type Logger, logger } from '../logger';

const SAFE_ID = /^[\w.-]{1,100}$/;

/**
 * A request's logger: its lines carry the request id. Made when something is to be logged,
 * not on every request (a pino child runs the redaction over its bindings when it is made).
 */
export function requestLogger(req: Request): Logger {
  return req.id ? logger.child({ requestId: req.id }) : logger;
}

/** A request id on every request (taken from X-Request-Id when sane) and a log line at `info`. */
export const requestLog: RequestHandler = (req, res, next) => {
  const incoming = req.headers['x-request-id'];
  req.id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  if (logger.isLevelEnabled('info')) {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // originalUrl: a mounted router (tRPC's, seed 004's) strips its prefix from req.path.
      const path = req.originalUrl.split('?', 1)[0];
      if (path === '/healthz') return;
      logger.info(
        {
          requestId: req.id,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
  }
  next();
};
