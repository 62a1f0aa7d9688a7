import type { Request, RequestHandler } from 'express';
import type { ServerResponse } from 'node:http';
import { ErrorCode } from './errors.js';
import { VIEWER_HEADER } from './http-contract.js';
import { TokenCache } from './token-cache.js';
import { verifyGatewayToken, type Viewer } from './viewer.js';

/** What the gateway vouched for on one request. */
export interface GatewayOrigin {
  readonly viewer: Viewer | null;
  /** The client's IP as the gateway saw it; `null` when it did not say. */
  readonly ip: string | null;
}

export interface GatewayOnlyOptions {
  /**
   * Remember verified tokens until they expire. The gateway reuses one token per sign-in on hot
   * routes (positions) for a while, and verifying a JWT is a good part of the cost of a small request.
   */
  rememberTokens?: boolean;
}

const origins = new WeakMap<Request, GatewayOrigin>();
const REFUSAL = JSON.stringify({
  errors: [{ message: 'This service only answers the gateway.', extensions: { code: ErrorCode.Unauthenticated } }],
});

/**
 * Refuses (401, the API's error shape) any request that does not carry a valid viewer token: only
 * the gateway, which verified the user's access token, holds the secret that signs one. Every route
 * of a subgraph goes through it; the handlers after it read the viewer with `gatewayOrigin(req)`.
 */
export function gatewayOnly(internalSecret: string, options: GatewayOnlyOptions = {}): RequestHandler {
  const verify = gatewayTokenVerifier(internalSecret, options);
  return (req, res, next) => {
    let origin: GatewayOrigin;
    try {
      origin = verify(req.header(VIEWER_HEADER));
    } catch {
      refuseAsNotGateway(res);
      return;
    }
    origins.set(req, origin);
    next();
  };
}

/** The viewer and client IP of a request that passed `gatewayOnly`; throws if it did not pass one. */
export function gatewayOrigin(req: Request): GatewayOrigin {
  const origin = origins.get(req);
  if (!origin) throw new Error('gatewayOrigin() on a route not guarded by gatewayOnly()');
  return origin;
}

/** The 401 answer to a caller that is not the gateway. */
export function refuseAsNotGateway(res: ServerResponse): void {
  res
    .writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(REFUSAL) })
    .end(REFUSAL);
}

/**
 * Verifies the gateway's viewer token; with `rememberTokens`, a token verified once is kept (frozen,
 * shared by the requests that carry it) until it expires.
 */
export function gatewayTokenVerifier(internalSecret: string, options: GatewayOnlyOptions = {}) {
  const verifyOnce = (token: string) => {
    const { expiresAt, ...origin } = verifyGatewayToken(token, internalSecret);
    if (origin.viewer) Object.freeze(origin.viewer.roles);
    return { value: Object.freeze({ ...origin, viewer: origin.viewer && Object.freeze(origin.viewer) }), expiresAt };
  };
  if (!options.rememberTokens) return (token: string | undefined) => verifyOnce(requireToken(token)).value;
  const verified = new TokenCache<GatewayOrigin>();
  return (token: string | undefined) => verified.get(requireToken(token), verifyOnce);
}

function requireToken(token: string | undefined): string {
  if (!token) throw new Error('missing viewer token');
  return token;
}
