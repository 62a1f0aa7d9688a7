import { hmacKey, Role, TOKEN, unauthenticated, type Viewer } from '@qurbani/kit';
import jwt from 'jsonwebtoken';

const ROLES = new Set<string>(Object.values(Role));

/**
 * Verifies `Authorization: Bearer <access token>` once for the whole request. No header means an
 * anonymous viewer; a header that does not verify is an error, never a silent downgrade.
 */
export function viewerFromAuthorization(header: string | undefined, secret: string): Viewer | null {
  return verifiedAuthorization(header, secret)?.viewer ?? null;
}

/** As `viewerFromAuthorization`, with the instant (ms) the token expires. */
export function verifiedAuthorization(
  header: string | undefined,
  secret: string,
): { viewer: Viewer; expiresAt: number } | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw unauthenticated('Send the access token as "Authorization: Bearer <token>".');
  try {
    const claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], ...TOKEN.access }) as jwt.JwtPayload;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.has(r)) : [];
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw new Error('claims');
    return { viewer: { id: claims.sub, roles, sessionId: claims.sid }, expiresAt: (claims.exp ?? 0) * 1000 };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw unauthenticated('The access token has expired; refresh it.');
    throw unauthenticated('The access token is not valid.');
  }
}
