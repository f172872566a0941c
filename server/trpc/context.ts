import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TRPCRequestInfo } from '@trpc/server/http';
import {
  type Authenticated,
  type AuthenticatedSession,
  authenticate,
  bearerToken,
} from '../auth/authenticate';
import { AppError } from '../errors';
import { clientIp } from '../request/client-ip';

/**
 * A WebSocket connection's login. Unlike a request's, it lives on: it can change (a new role,
 * a renewed token) or end (the socket closes) while procedures and subscriptions run.
 */
export interface ConnectionAuth {
  /** Who is connected now; null once the login ended or its token expired. */
  readonly identity: AuthenticatedSession | null;
  /** Why `identity` is null, when a token was refused. */
  readonly refusal: AppError | null;
  /** Makes `token` the connection's (a first token, or a renewal). */
  authenticate(token: string): Promise<AuthenticatedSession>;
  /** Calls `listener` after every change of identity. */
  onChange(listener: () => void): () => void;
}

export interface Context {
  auth: Authenticated | null;
  /** Why authentication failed, when a token was presented and refused. */
  authError: AppError | null;
  requestId: string;
  ip: string;
  /** Set on a WebSocket: `auth` then follows it, call by call. */
  connection?: ConnectionAuth;
}

type ContextOptions = { req: IncomingMessage; info: TRPCRequestInfo };

const baseOf = (req: IncomingMessage) => ({
  requestId: (req as { id?: string }).id ?? randomUUID(),
  ip: clientIp(req),
});

/** An HTTP request's context: the token comes from the Bearer header. */
export async function createContext(opts: ContextOptions): Promise<Context> {
  const base = baseOf(opts.req);
  const token = bearerToken(opts.req.headers.authorization);
  if (!token) return { ...base, auth: null, authError: null };
  try {
    return { ...base, auth: await authenticate(token), authError: null };
  } catch (err) {
    if (err instanceof AppError) return { ...base, auth: null, authError: err };
    throw err;
  }
}

/**
 * A WebSocket's context, created once per connection: the token comes from
 * `connectionParams.token` (browsers cannot set headers on a socket) or the upgrade's Bearer
 * header, and can be replaced later with `auth.socketToken`. `auth` is read from the
 * connection on every call, so a role change or a revoked login counts from the next call on.
 */
export async function createSocketContext(
  opts: ContextOptions,
  connection: ConnectionAuth,
): Promise<Context> {
  const token = opts.info.connectionParams?.token ?? bearerToken(opts.req.headers.authorization);
  if (token) {
    try {
      await connection.authenticate(token);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return {
    ...baseOf(opts.req),
    connection,
    get auth() {
      return connection.identity;
    },
    get authError() {
      return connection.identity ? null : connection.refusal;
    },
  };
}
