import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../../config';

/**
 * Expiring links to a file: `/files/<uuid>?exp=<unix seconds>&sig=<hmac>`. The signature is
 * HMAC-SHA256 over the uuid and the expiry, with a key derived from the app's secret (so it
 * is not the JWT key itself, and rotating JWT_SECRET ends every link). A link is minted only
 * for someone who may see the conversation (attachments.ts); holding one is the permission,
 * which is what lets an <img> tag and a download work without a Bearer header.
 */

const linkKey = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'file-links', 32));

const signatureOf = (uuid: string, exp: number) =>
  createHmac('sha256', linkKey).update(`${uuid}.${exp}`).digest('base64url');

export interface SignedLink {
  url: string;
  expiresAt: string;
}

export function signFileLink(
  uuid: string,
  now = Date.now(),
  ttlSeconds = config.FILES_LINK_TTL_SECONDS,
): SignedLink {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return {
    url: `/files/${uuid}?exp=${exp}&sig=${signatureOf(uuid, exp)}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** Whether `sig` signs `uuid` until `exp`, and `exp` has not passed. */
export function verifyFileLink(
  uuid: string,
  exp: unknown,
  sig: unknown,
  now = Date.now(),
): boolean {
  if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  const expected = Buffer.from(signatureOf(uuid, Number(exp)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number(exp) * 1000 > now;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A fresh link to the file a media message sends, for whoever reads the message (so may see
 * its conversation). Only an operator's or a customer's media message names an attachment,
 * and only our own code writes one, from a row of that conversation: the agent's and the widget
 * visitor's sends (each from a claimed upload), a channel's stored download. No request's own
 * words reach a media message's content. Undefined for anything else (a flow's media has a URL
 * of its own; a WhatsApp file not downloaded yet, only its metadata).
 */
export function mediaLinkOf(m: {
  type: string;
  origin: string;
  content: Record<string, unknown>;
}): SignedLink | undefined {
  if (m.type !== 'media' || (m.origin !== 'operator' && m.origin !== 'client')) return undefined;
  const id = m.content.attachmentId;
  return typeof id === 'string' && UUID.test(id) ? signFileLink(id.toLowerCase()) : undefined;
}
