import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { TOKEN } from './http-contract.js';

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

/** What the gateway saw of a request besides its viewer. */
export interface RequestOrigin {
  /** The client's address (Express `req.ip`, honouring the gateway's `trust proxy`); absent when unknown. */
  readonly ip?: string;
}

/**
 * Signs the viewer for subgraphs. A subgraph trusts only this token, never a client's header, so a
 * request that did not pass the gateway (which verified the user's access token) is refused. The
 * client's IP rides in the same token: subgraphs see only the gateway's address on the socket.
 */
export function signViewerToken(viewer: Viewer | null, secret: string, origin: RequestOrigin = {}): string {
  const claims = viewer
    ? {
        sub: viewer.id,
        roles: viewer.roles,
        sid: viewer.sessionId,
        ...(viewer.trackingDeliveryId ? { dlv: viewer.trackingDeliveryId } : {}),
      }
    : { anon: true };
  return jwt.sign({ ...claims, ...(origin.ip ? { ip: origin.ip } : {}) }, hmacKey(secret), {
    algorithm: 'HS256',
    ...TOKEN.viewer,
    expiresIn: 60,
  });
}

/** Verifies a gateway viewer token; throws when it is missing, forged or expired. */
export function verifyViewerToken(token: string | undefined, secret: string): Viewer | null {
  return verifyGatewayToken(token, secret).viewer;
}

/**
 * Verifies a gateway viewer token and returns the viewer with the client IP the gateway saw
 * (`null` from a gateway that does not send it). Throws when the token is missing, forged or expired.
 */
export function verifyGatewayToken(
  token: string | undefined,
  secret: string,
): { viewer: Viewer | null; ip: string | null; expiresAt: number } {
  if (!token) throw new Error('missing viewer token');
  const claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], ...TOKEN.viewer }) as jwt.JwtPayload;
  const ip = typeof claims.ip === 'string' && claims.ip ? claims.ip : null;
  // jsonwebtoken refuses a token without `exp` only when asked to; ours always carry one.
  const expiresAt = (claims.exp ?? 0) * 1000;
  if (claims.anon) return { viewer: null, ip, expiresAt };
  if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new Error('malformed viewer token');
  const viewer = { id: claims.sub, roles: claims.roles as Role[], sessionId: String(claims.sid) };
  return {
    viewer: typeof claims.dlv === 'string' ? { ...viewer, trackingDeliveryId: claims.dlv } : viewer,
    ip,
    expiresAt,
  };
}
