import { sendError, POSITIONS_PATH, VIEWER_HEADER, type Viewer } from '@qurbani/kit';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { withinLimit } from '../perimeter/rate-limits.js';
import type { LiveSecrets } from './live-viewer.js';
import type { RevocationCache } from './revocations.js';
import { ViewerTokens } from '../auth/viewer-tokens.js';
import { cachedRequestViewer } from '../request-viewer.js';

const MAX_BODY = 256 * 1024;

export interface PositionsRouteOptions extends LiveSecrets {
  /** The delivery subgraph's GraphQL URL (its origin serves /positions). */
  deliveryUrl: () => string | undefined;
  /** Sign-outs take effect within its TTL (a quarter of a second). */
  revocations: RevocationCache;
  /** Spends one report of the driver's budget; throws `RateLimited` when spent. */
  limit?: (viewer: Viewer) => Promise<void>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Whether a request is a position report (`positionsRoute` answers it, outside Express). */
export const isPositionReport = (req: IncomingMessage) =>
  req.method === 'POST' && req.url?.split('?', 1)[0] === POSITIONS_PATH;

/**
 * `POST /positions` with `{"routeId", "points": [...]}`: the `reportPositions` mutation for phones,
 * without a GraphQL request on either side (a report is one small fix; thousands of phones send one
 * every few seconds), and on node:http without Express, as the GraphQL route. The access token is
 * checked as for GraphQL (signature, expiry, sign-out); the delivery subgraph applies the same rules
 * and answers the same `PositionReport`, passed through.
 */
export function positionsRoute(options: PositionsRouteOptions) {
  // Access tokens only, verified once and remembered as for GraphQL: a tracking link cannot report positions.
  const viewerOf = cachedRequestViewer(options.accessTokenSecret, options.revocations);
  const viewerTokens = new ViewerTokens(options.internalSecret);

  const report = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const authorization = req.headers.authorization;
    let viewer: Viewer;
    try {
      const signedIn = await viewerOf(authorization);
      if (!signedIn) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
      viewer = signedIn;
    } catch (error) {
      return sendError(res, 401, 'UNAUTHENTICATED', (error as Error).message);
    }
    if (options.limit && !(await withinLimit(res, () => options.limit!(viewer), true))) return;
    const base = options.deliveryUrl();
    if (!base) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The delivery service is unavailable; try again.');

    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY && !res.headersSent) {
        res.once('finish', () => req.destroy());
        res.setHeader('Connection', 'close');
        sendError(res, 413, 'BAD_REQUEST', `A report may hold at most ${MAX_BODY / 1024} KiB.`);
      } else if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      const body = Buffer.concat(chunks);
      const upstream = http.request(
        new URL(POSITIONS_PATH, base),
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            [VIEWER_HEADER]: viewerTokens.tokenFor(viewer),
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, {
            'content-type': 'application/json; charset=utf-8',
            ...(answer.headers['content-length'] ? { 'content-length': answer.headers['content-length'] } : {}),
          });
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent)
          sendError(res, 502, 'SERVICE_UNAVAILABLE', 'The delivery service is unavailable; try again.');
      });
      upstream.end(body);
    });
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    report(req, res).catch((error: unknown) => {
      console.error('gateway: a position report failed', error);
      if (!res.headersSent)
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The report could not be passed on; send it again.');
      req.resume();
    });
  };
}
