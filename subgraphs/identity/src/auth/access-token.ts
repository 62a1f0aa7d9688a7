import jwt from 'jsonwebtoken';
import { TOKEN, type Role } from '@qurbani/kit';

/** A short-lived access token the gateway verifies; `sid` names the sign-in so it can be revoked. */
export function signAccessToken(
  claims: { accountId: string; roles: readonly Role[]; sessionId: string },
  secret: string,
  ttlSeconds: number,
): { token: string; expiresAt: Date } {
  const token = jwt.sign({ roles: claims.roles, sid: claims.sessionId }, secret, {
    algorithm: 'HS256',
    subject: claims.accountId,
    ...TOKEN.access,
    expiresIn: ttlSeconds,
  });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}
