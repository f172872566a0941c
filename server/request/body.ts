import type { IncomingMessage } from 'node:http';
import { TRPCError } from '@trpc/server';
import express, { type Request, type RequestHandler } from 'express';
import { config } from '../config';
import { AppError, inputErrorOf, RequestError } from '../errors';
import { checkJsonText, parseJsonBody } from './json-text';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * A body's bytes as text: a charset other than UTF-8 is a 415 (we would otherwise store
 * mojibake), and bytes that are not UTF-8 a 400 (a lenient decoder would store U+FFFD).
 */
export function bodyText(req: Pick<IncomingMessage, 'headers'>, bytes: Buffer): string {
  const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RequestError(415, 'The body must be UTF-8 (charset=utf-8)');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new RequestError(400, 'The body is not valid UTF-8');
  }
}

type Type = string | ((req: IncomingMessage) => boolean);

/**
 * Reads the body of a request whose Content-Type matches `type` as bytes, at most
 * HTTP_BODY_LIMIT_BYTES (413 past it, told by Content-Length or counted), with no
 * Content-Encoding (415: a compressed body would be inflated past the limit, and an
 * uncompressed one claiming gzip is the caller's fault), then hands them to `use`.
 * Errors are left to each contract's formatter (`inputErrorOf` maps them).
 */
function bodyReader(type: Type, use: (req: Request, bytes: Buffer) => void): RequestHandler {
  const read = express.raw({ type, limit: config.HTTP_BODY_LIMIT_BYTES, inflate: false });
  return (req, res, next) =>
    read(req, res, (err?: unknown) => {
      if (err) return next(inputErrorOf(err) ?? err);
      if (!Buffer.isBuffer(req.body)) return next();
      try {
        use(req, req.body);
      } catch (error) {
        return next(error);
      }
      next();
    });
}

/**
 * JSON bodies (application/json) of the REST routes and seed 004: read, checked for depth and
 * storable text (server/request/json-text.ts) and parsed into `req.body`.
 */
export const jsonBody = bodyReader('application/json', (req, bytes) => {
  req.body = jsonBodyOf(req, bytes);
});

/** A JSON body's bytes as jsonBody reads them: UTF-8, checked, parsed; an empty one is `{}`. */
export function jsonBodyOf(req: Pick<IncomingMessage, 'headers'>, bytes: Buffer): unknown {
  const text = bodyText(req, bytes);
  return text === '' ? {} : parseJsonBody(text, { strict: true });
}

/** Any body as bytes, for webhooks, whose signatures cover the exact bytes sent. */
export const rawBody = bodyReader(
  () => true,
  () => {},
);

const TRPC_CODE = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/** An input fault as tRPC's error, as tRPC over HTTP and over the WebSocket answer it. */
export function trpcErrorOf(err: unknown): unknown {
  const input = inputErrorOf(err) ?? err;
  if (input instanceof RequestError) {
    return new TRPCError({ code: TRPC_CODE[input.status], message: input.message });
  }
  if (input instanceof AppError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: input.message, cause: input });
  }
  return err;
}

const trpcText = bodyReader(
  () => true,
  (req, bytes) => {
    const text = bodyText(req, bytes);
    checkJsonText(text, { batch: req.query.batch !== undefined });
    // tRPC reads a string body as it is, so the text is parsed once, by tRPC.
    req.body = text;
  },
);

/**
 * tRPC over HTTP (its adapter's `middleware`): the same limits and checks as every other body,
 * answered in tRPC's own error shape (the adapter turns what `next` is given into it).
 */
export const trpcBody: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  trpcText(req, res, (err?: unknown) => next(err === undefined ? undefined : trpcErrorOf(err)));
};
