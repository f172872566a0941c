import type { IncomingMessage } from 'node:http';
import express from 'express';
import { config } from '../config';

/** TRUST_PROXY as express's `trust proxy` takes it: `true`/`false`, a hop count, or addresses. */
export function trustProxySetting(raw: string | undefined): boolean | number | string {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

type Trust = (address: string, hop: number) => boolean;

/** express's own compiled `trust proxy fn` for a setting (it throws on an invalid address). */
function compileTrust(setting: boolean | number | string): Trust {
  const app = express();
  app.set('trust proxy', setting);
  return app.get('trust proxy fn') as Trust;
}

/**
 * The client's address for a trust setting: the peer, unless the peer is a trusted proxy; then
 * X-Forwarded-For is walked from the right (the address the nearest proxy saw first) for as
 * long as each hop is trusted, as express's `req.ip` does. The same for a WebSocket's upgrade
 * request, which has no `req.ip`.
 */
export function clientIpResolver(setting: boolean | number | string) {
  const trust = compileTrust(setting);
  return (req: IncomingMessage): string => {
    const peer = req.socket.remoteAddress ?? 'unknown';
    const header = req.headers['x-forwarded-for'];
    if (setting === false || !header) return peer;
    const forwarded = (Array.isArray(header) ? header.join(',') : header)
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .reverse();
    const chain = [peer, ...forwarded];
    for (let hop = 0; hop < chain.length - 1; hop++) {
      if (!trust(chain[hop]!, hop)) return chain[hop]!;
    }
    return chain[chain.length - 1]!;
  };
}

/** The configured trust (TRUST_PROXY; unset trusts no proxy, so the peer is the client). */
export const trustProxy = trustProxySetting(config.TRUST_PROXY);

/** The client's address under TRUST_PROXY (the login throttle keys on it). */
export const clientIp = clientIpResolver(trustProxy);
