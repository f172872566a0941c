import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/enums';
import { config } from '../config';
import { AppError } from '../errors';

const ALG = 'HS256';

export interface AccessClaims {
  userId: number;
  workspaceId: number;
  role: Role;
  /** The login this token belongs to (its refresh tokens' family): revoking it ends the token. */
  sessionId: string;
}

/** A verified access token: its claims and when it stops being valid (seconds since the epoch). */
export interface VerifiedAccess extends AccessClaims {
  expiresAt: number;
}

/** A browser widget's session: one external user of one chatbot, nothing else. */
export interface WidgetClaims {
  workspaceId: number;
  chatbotId: number;
  externalUserId: string;
}

function signer(claims: Record<string, unknown>, subject: string, ttlSeconds: number) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(config.jwtSecret);
}

export function signAccessToken(claims: AccessClaims): Promise<string> {
  return signer(
    { wid: claims.workspaceId, role: claims.role, sid: claims.sessionId, use: 'access' },
    String(claims.userId),
    config.ACCESS_TOKEN_TTL_SECONDS,
  );
}

export function signWidgetToken(claims: WidgetClaims): Promise<string> {
  return signer(
    { wid: claims.workspaceId, cb: claims.chatbotId, use: 'widget' },
    claims.externalUserId,
    config.WIDGET_TOKEN_TTL_SECONDS,
  );
}

/** The HMAC key imported once (jose would import the raw bytes again on every call). */
let hmacKey: { secret: Uint8Array; key: Promise<CryptoKey> } | undefined;
function verificationKey(): Promise<CryptoKey> {
  if (hmacKey?.secret !== config.jwtSecret) {
    const secret = config.jwtSecret;
    const key = crypto.subtle.importKey(
      'raw',
      new Uint8Array(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    hmacKey = { secret, key };
  }
  return hmacKey.key;
}

/**
 * Tokens whose signature and claims were verified, so the same bearer token on the next request
 * costs a map lookup. The time checks (exp, maximum age) are repeated on every hit; a hit is
 * the same bytes, so nothing else could come out differently.
 */
const verified = new Map<string, JWTPayload & { exp: number; iat: number }>();
const VERIFIED_MAX = 10_000;

function stillValid(payload: { exp: number; iat: number }, maxAgeSeconds: number): boolean {
  const now = Math.floor(Date.now() / 1000);
  return payload.exp > now && now - payload.iat <= maxAgeSeconds;
}

/**
 * Verifies with the algorithm pinned and exp/iat/iss/aud/sub required; a token older than its
 * kind's maximum lifetime is refused even if someone minted it with a later exp.
 */
async function verify(
  token: string,
  maxAgeSeconds: number,
): Promise<JWTPayload & { exp: number; iat: number }> {
  const hit = verified.get(token);
  if (hit && stillValid(hit, maxAgeSeconds)) return hit;
  try {
    const { payload } = await jwtVerify(token, await verificationKey(), {
      algorithms: [ALG],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxAgeSeconds,
    });
    const checked = payload as JWTPayload & { exp: number; iat: number };
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, checked);
    return checked;
  } catch (err) {
    verified.delete(token);
    if (err instanceof errors.JWTExpired) throw new AppError('UNAUTHORIZED', 'Token expired');
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
}

const invalid = () => new AppError('UNAUTHORIZED', 'Invalid token');

export async function verifyAccessToken(token: string): Promise<VerifiedAccess> {
  const payload = await verify(token, config.ACCESS_TOKEN_TTL_SECONDS);
  const userId = Number(payload.sub);
  if (
    payload.use !== 'access' ||
    !Number.isInteger(userId) ||
    typeof payload.wid !== 'number' ||
    typeof payload.sid !== 'string'
  )
    throw invalid();
  return {
    userId,
    workspaceId: payload.wid,
    role: payload.role as Role,
    sessionId: payload.sid,
    expiresAt: payload.exp,
  };
}

export async function verifyWidgetToken(token: string): Promise<WidgetClaims> {
  const payload = await verify(token, config.WIDGET_TOKEN_TTL_SECONDS);
  if (
    payload.use !== 'widget' ||
    typeof payload.wid !== 'number' ||
    typeof payload.cb !== 'number' ||
    !payload.sub
  ) {
    throw invalid();
  }
  return { workspaceId: payload.wid, chatbotId: payload.cb, externalUserId: payload.sub };
}

/** A token's claims read without trusting them: only to pick its kind, or after verifying it. */
function peek(token: string): { use?: unknown; exp?: unknown } {
  try {
    const body = token.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(body, 'base64url').toString()) ?? {};
  } catch {
    return {};
  }
}

/** Which kind a token claims to be, read without trusting it (verification follows). */
export function tokenUse(token: string): string | undefined {
  const { use } = peek(token);
  return typeof use === 'string' ? use : undefined;
}

/** When a token that was verified already expires (seconds since the epoch), for socket timers. */
export function verifiedExpiry(token: string): number {
  const { exp } = peek(token);
  if (typeof exp !== 'number') throw invalid();
  return exp;
}
