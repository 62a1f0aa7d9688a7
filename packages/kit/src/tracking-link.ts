import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TOKEN } from './http-contract.js';
import { hmacKey, type Viewer } from './viewer.js';

/** What a verified tracking link grants: following one delivery until `expiresAt`. */
export interface TrackingLink {
  readonly deliveryId: string;
  readonly expiresAt: Date;
  /** Unique per link, so one link can be told apart from another for the same delivery. */
  readonly linkId: string;
}

/**
 * Signs the token of a recipient's tracking link (sent by SMS with the PIN). It opens exactly one
 * delivery and expires; it is signed with the internal secret, which only the platform's services
 * hold, under an audience no other token uses.
 */
export function signTrackingLink(
  deliveryId: string,
  secret: string,
  ttlSeconds: number,
  /** An existing link's id (a short link sent by SMS, exchanged for its token): revoking it revokes the token. */
  linkId: string = randomUUID(),
): { token: string; expiresAt: Date; linkId: string } {
  const token = jwt.sign({ dlv: deliveryId }, hmacKey(secret), {
    algorithm: 'HS256',
    ...TOKEN.trackingLink,
    expiresIn: ttlSeconds,
    jwtid: linkId,
  });
  const { exp } = jwt.decode(token) as jwt.JwtPayload;
  return { token, expiresAt: new Date(exp! * 1000), linkId };
}

/** Verifies a tracking-link token; throws when it is forged, expired or another kind of token. */
export function verifyTrackingLink(token: string, secret: string): TrackingLink {
  const claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], ...TOKEN.trackingLink }) as jwt.JwtPayload;
  if (typeof claims.dlv !== 'string' || typeof claims.exp !== 'number' || typeof claims.jti !== 'string')
    throw new Error('malformed tracking link');
  return { deliveryId: claims.dlv, expiresAt: new Date(claims.exp * 1000), linkId: claims.jti };
}

/** The viewer a tracking link acts as: no roles, one delivery. */
export const trackingViewer = (link: TrackingLink): Viewer => ({
  id: link.deliveryId,
  roles: [],
  sessionId: `link:${link.linkId}`,
  trackingDeliveryId: link.deliveryId,
});

/** The link id (`jti`) a tracking-link viewer acts under, or null for any other viewer. */
export function trackingLinkIdOf(viewer: Viewer | null): string | null {
  if (!viewer?.trackingDeliveryId || !viewer.sessionId.startsWith('link:')) return null;
  return viewer.sessionId.slice('link:'.length);
}

/**
 * Redis key marking a sign-in, or a tracking link (`link:<jti>`), as ended. The identity subgraph
 * writes sign-outs, the delivery subgraph revoked links; the gateway checks it on every request,
 * live operation and live event.
 */
/** Path of the short tracking links sent by SMS (`/track/<22 characters>`), exchanged for a tracking token. */
export const TRACK_PATH = '/track';

/** The 22-character code of a short link for a link id (a UUID), and back (null when it is not one). */
export const trackingCode = {
  of: (linkId: string): string => Buffer.from(linkId.replace(/-/g, ''), 'hex').toString('base64url'),
  linkId(code: string): string | null {
    if (!/^[A-Za-z0-9_-]{22}$/.test(code)) return null;
    const hex = Buffer.from(code, 'base64url').toString('hex');
    if (hex.length !== 32) return null;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

export const revokedSessionKey = (prefix: string, sessionId: string) => `${prefix}revoked-session:${sessionId}`;

/**
 * Redis pub/sub channel on which the writers of `revokedSessionKey` also announce the ids (a JSON
 * array) they ended, in the same MULTI: the gateway ends idle live subscriptions of those sign-ins
 * at once instead of at their next event.
 */
export const revokedSessionsChannel = (prefix: string) => `${prefix}revoked-sessions`;
