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

export function errorBody(statusCode: number, message: string | string[]) {
  return { statusCode, message, error: REASON[statusCode] ?? 'Error' };
}

/** Seeds 000–003's error body: `{statusCode, message, error}`, message an array on validation. */
export function toNestError(err: unknown): { status: number; body: ReturnType<typeof errorBody> } {
  err = inputErrorOf(err) ?? err;
  if (err instanceof ZodError) return { status: 400, body: errorBody(400, issueMessages(err)) };
  if (err instanceof AppError) {
    const message = err.issues ? err.issues.map((i) => i.message) : err.message;
    return { status: err.status, body: errorBody(err.status, message) };
  }
  // The request itself (its body, encoding or path): the message is a sentence, not a list.
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
