import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../auth/actor';
import { type Authenticated, authenticate, bearerToken } from '../../auth/authenticate';
import { AppError } from '../../errors';
import { parseRef } from '../../services/ids';
import { JsonText } from '../../services/serialize';

/**
 * Sends what the handler returns as JSON with `status` (JsonText as it is); `undefined` sends an
 * empty body.
 */
export function json<T>(
  fn: (req: Request, res: Response) => Promise<T> | T,
  status = 200,
): RequestHandler {
  return async (req, res) => {
    const result = await fn(req, res);
    if (result === undefined) res.status(status).end();
    else if (result instanceof JsonText) sendJsonText(res, status, result);
    else res.status(status).json(result);
  };
}

/**
 * JSON text as the body, handed to node:http as a string: it sets Content-Length and writes the
 * text with the headers, without express's `send()` copying it into a Buffer first (the API has
 * no ETag or freshness check to make).
 */
function sendJsonText(res: Response, status: number, body: JsonText) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(body.text);
}

/** Bearer-token authentication for REST routes; the user is loaded into res.locals. */
export async function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new AppError('UNAUTHORIZED', 'Unauthorized');
  res.locals.auth = await authenticate(token);
  next();
}

export function actorOf(res: Response): Actor {
  return (res.locals.auth as Authenticated).actor;
}

/** A named route parameter as a string (express 5 types splat params as arrays). */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

/** An integer id from the path; anything else names no row (404). */
export function intParam(req: Request, name: string, what = 'Entity'): number {
  const ref = parseRef(param(req, name), what);
  if (!('id' in ref)) throw new AppError('NOT_FOUND', `${what} not found`);
  return ref.id;
}
