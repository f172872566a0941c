import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, inputErrorOf, RequestError } from '../../errors';
import { requestLogger } from '../../request/log';
import { issueMessages } from './validation';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Seeds 000–003's error body. A 400's `message` is always a list of sentences, as the seeds'
 * validation errors are, so a client reads every 400 one way (a malformed body, a bad header);
 * other statuses carry one sentence.
 */
export function errorBody(statusCode: number, message: string | string[]) {
  const messages = statusCode === 400 && typeof message === 'string' ? [message] : message;
  return { statusCode, message: messages, error: REASON[statusCode] ?? 'Error' };
}

/** Seeds 000–003's error body for any error: `{statusCode, message, error}`. */
export function toNestError(err: unknown): { status: number; body: ReturnType<typeof errorBody> } {
  err = inputErrorOf(err) ?? err;
  if (err instanceof ZodError) return { status: 400, body: errorBody(400, issueMessages(err)) };
  if (err instanceof AppError) {
    const message = err.issues ? err.issues.map((i) => i.message) : err.message;
    return { status: err.status, body: errorBody(err.status, message) };
  }
  // The request itself (its body, encoding or path): a 413 and a 415 keep their sentence.
  if (err instanceof RequestError) {
    return { status: err.status, body: errorBody(err.status, err.message) };
  }
  return { status: 500, body: errorBody(500, 'Internal server error') };
}

export const nestErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body } = toNestError(err);
  if (status >= 500) requestLogger(req).error({ err }, 'unhandled error');
  res.status(status).json(body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(404, `Cannot ${req.method} ${req.path}`));
};
