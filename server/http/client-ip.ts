import type { IncomingMessage } from 'node:http';

/** The peer address; X-Forwarded-For is trusted only when TRUST_PROXY is configured upstream. */
export function clientIp(req: IncomingMessage & { ip?: string }): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
