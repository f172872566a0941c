import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/enums';
import { config } from '../config';
import { AppError } from '../errors';

const ALG = 'HS256';

export interface AccessClaims {
  userId: number;
  workspaceId: number;
  role: Role;
}

export async function signAccessToken(claims: AccessClaims): Promise<string> {
  return new SignJWT({ wid: claims.workspaceId, role: claims.role, use: 'access' })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${config.ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(config.jwtSecret);
}

/**
 * Verifies with the algorithm pinned and exp/iat/iss/aud/sub required; a token older than the
 * maximum lifetime is refused even if someone minted it with a later exp.
 */
export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, config.jwtSecret, {
      algorithms: [ALG],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const userId = Number(payload.sub);
    if (payload.use !== 'access' || !Number.isInteger(userId) || typeof payload.wid !== 'number') {
      throw new AppError('UNAUTHORIZED', 'Invalid token');
    }
    return { userId, workspaceId: payload.wid, role: payload.role as Role };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof errors.JWTExpired) throw new AppError('UNAUTHORIZED', 'Token expired');
    throw new AppError('UNAUTHORIZED', 'Invalid token');
  }
}
