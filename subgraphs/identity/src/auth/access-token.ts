import jwt from 'jsonwebtoken';
import type { Role } from '@qurbani/kit';

export const ACCESS_TOKEN_AUDIENCE = 'qurbani-api';
export const ACCESS_TOKEN_ISSUER = 'qurbani-identity';

/** A short-lived access token the gateway verifies; `sid` names the sign-in so it can be revoked. */
export function signAccessToken(
  claims: { accountId: string; roles: readonly Role[]; sessionId: string },
  secret: string,
  ttlSeconds: number,
): { token: string; expiresAt: Date } {
  const token = jwt.sign({ roles: claims.roles, sid: claims.sessionId }, secret, {
    algorithm: 'HS256',
    subject: claims.accountId,
    audience: ACCESS_TOKEN_AUDIENCE,
    issuer: ACCESS_TOKEN_ISSUER,
    expiresIn: ttlSeconds,
  });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}
