import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * What an account may do; an account holds one or more roles. Keys equal values because
 * type-graphql exposes the keys as the GraphQL enum values.
 */
export enum Role {
  DONOR = 'DONOR',
  EXECUTOR = 'EXECUTOR',
  REVIEWER = 'REVIEWER',
  DRIVER = 'DRIVER',
  ORGANIZER = 'ORGANIZER',
}

/** The signed-in account as the gateway verified it; `null` for anonymous requests. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
  /**
   * Set only for a recipient following a tracking link: the one delivery the link opens. Such a
   * viewer has no roles, and its `id` is that delivery's id (it matches no account).
   */
  readonly trackingDeliveryId?: string;
}

/** Header the gateway puts on every subgraph request. */
export const VIEWER_HEADER = 'x-qurbani-viewer';

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key of a secret, made once. Given a plain string, jsonwebtoken first tries (and fails)
 * to read it as a public key on every call: about a tenth of a subgraph request's CPU.
 */
export function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

const AUDIENCE = 'qurbani-subgraphs';
const ISSUER = 'qurbani-gateway';

/**
 * Signs the viewer for subgraphs. A subgraph trusts only this token, never a client's header, so a
 * request that did not pass the gateway (which verified the user's access token) is refused.
 */
export function signViewerToken(viewer: Viewer | null, secret: string): string {
  const claims = viewer
    ? { sub: viewer.id, roles: viewer.roles, sid: viewer.sessionId, ...(viewer.trackingDeliveryId ? { dlv: viewer.trackingDeliveryId } : {}) }
    : { anon: true };
  return jwt.sign(claims, hmacKey(secret), { algorithm: 'HS256', audience: AUDIENCE, issuer: ISSUER, expiresIn: 60 });
}

/** Verifies a gateway viewer token; throws when it is missing, forged or expired. */
export function verifyViewerToken(token: string | undefined, secret: string): Viewer | null {
  if (!token) throw new Error('missing viewer token');
  const claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER }) as jwt.JwtPayload;
  if (claims.anon) return null;
  if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new Error('malformed viewer token');
  const viewer = { id: claims.sub, roles: claims.roles as Role[], sessionId: String(claims.sid) };
  return typeof claims.dlv === 'string' ? { ...viewer, trackingDeliveryId: claims.dlv } : viewer;
}
