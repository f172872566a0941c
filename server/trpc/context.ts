import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { type Authenticated, authenticate, bearerToken } from '../auth/authenticate';
import { AppError } from '../errors';
import { clientIp } from '../http/client-ip';

export interface Context {
  auth: Authenticated | null;
  /** Why authentication failed, when a token was presented and refused. */
  authError: AppError | null;
  requestId: string;
  ip: string;
}

/**
 * One context builder for HTTP and WebSocket: the token comes from the Bearer header or, on a
 * socket (where browsers cannot set headers), from `connectionParams.token`.
 */
export async function createContext(opts: {
  req: IncomingMessage;
  info: TRPCRequestInfo;
}): Promise<Context> {
  const requestId = (opts.req as { id?: string }).id ?? randomUUID();
  const token = bearerToken(opts.req.headers.authorization) ?? opts.info.connectionParams?.token;
  const base = { requestId, ip: clientIp(opts.req) };
  if (!token) return { ...base, auth: null, authError: null };
  try {
    return { ...base, auth: await authenticate(token), authError: null };
  } catch (err) {
    if (err instanceof AppError) return { ...base, auth: null, authError: err };
    throw err;
  }
}
