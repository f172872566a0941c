import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/enums';
import { config } from '../config';
import { AppError } from '../errors';

const ALG = 'HS256';

export interface AccessClaims {
  userId: number;
  workspaceId: number;
  role: Role;
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
    { wid: claims.workspaceId, role: claims.role, use: 'access' },
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

/**
 * Verifies with the algorithm pinned and exp/iat/iss/aud/sub required; a token older than its
 * kind's maximum lifetime is refused even if someone minted it with a later exp.
 */
async function verify(token: string, maxAgeSeconds: number): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, config.jwtSecret, {
      algorithms: [ALG],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxAgeSeconds,
    });
    return payload;
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new AppError('UNAUTHORIZED', 'Token expired');
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
}

const invalid = () => new AppError('UNAUTHORIZED', 'Invalid token');

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  const payload = await verify(token, config.ACCESS_TOKEN_TTL_SECONDS);
  const userId = Number(payload.sub);
  if (payload.use !== 'access' || !Number.isInteger(userId) || typeof payload.wid !== 'number')
    throw invalid();
  return { userId, workspaceId: payload.wid, role: payload.role as Role };
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

/** Which kind a token claims to be, read without trusting it (verification follows). */
export function tokenUse(token: string): string | undefined {
  try {
    const body = token.split('.')[1] ?? '';
    return (JSON.parse(Buffer.from(body, 'base64url').toString()) as { use?: string }).use;
  } catch {
    return undefined;
  }
}
