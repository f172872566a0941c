import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, inputErrorOf, RequestError } from '../../errors';
import { requestLogger } from '../../request/log';
import { issueMessages } from '../common/validation';

/**
 * Laravel's bodies: 422 `{message, errors: {field: [..]}}`, 401 `Unauthenticated.`, 500
 * `{success: false, ...}`; a fault of the request itself (too large, compressed, not UTF-8 or
 * not JSON, too deep, a malformed path) `{message}` with its 400, 413 or 415.
 */
export const laravelErrors: ErrorRequestHandler = (err, req, res, next) => {
  const input = inputErrorOf(err);
  if (input && input !== err) return laravelErrors(input, req, res, next);
  if (err instanceof RequestError)
    return void res.status(err.status).json({ message: err.message });
  // A query the request schemas refuse (e.g. `?page=abc`) is a validation error too.
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({
      field: i.path.join('.') || 'request',
      message: issueMessages(new ZodError([i]))[0]!,
    }));
    return laravelErrors(new AppError('UNPROCESSABLE', issues[0]!.message, issues), req, res, next);
  }
  if (err instanceof AppError) {
    if (err.code === 'UNAUTHORIZED')
      return void res.status(401).json({ message: 'Unauthenticated.' });
    if (err.code === 'UNPROCESSABLE' || err.code === 'BAD_REQUEST') {
      const issues = err.issues ?? [{ field: 'request', message: err.message }];
      // Field names come from the body: `__proto__` or `constructor` must be plain keys here.
      const errors: Record<string, string[]> = Object.create(null);
      for (const i of issues) errors[i.field] = [...(errors[i.field] ?? []), i.message];
      const more = issues.length - 1;
      const message =
        more > 0
          ? `${issues[0]!.message} (and ${more} more error${more > 1 ? 's' : ''})`
          : issues[0]!.message;
      return void res.status(422).json({ message, errors });
    }
    return void res.status(err.status).json({ message: err.message });
  }
  requestLogger(req).error({ err }, 'unhandled error');
  res.status(500).json({
    success: false,
    message: 'Failed to process the request',
    error: 'Internal server error',
  });
};
