import { sendError, signViewerToken, TRACK_PATH, trackingCode, VIEWER_HEADER } from '@qurbani/kit';
import type { Express } from 'express';
import { withinLimit } from './perimeter/rate-limits.js';

export interface TrackRouteOptions {
  /** The delivery subgraph's GraphQL URL (its origin serves /track). */
  deliveryUrl: () => string | undefined;
  internalSecret: string;
  /** Spends one request of the client address's anonymous budget; throws `RateLimited` when spent. */
  limit: (ip: string) => Promise<void>;
}

/**
 * `GET /track/<code>`: a family's short SMS link, exchanged by the delivery subgraph for its tracking
 * token. Only a well-formed code (the kit's `trackingCode`) is forwarded, to one fixed path; guesses spend
 * the anonymous budget.
 */
export function mountTrackRoute(app: Express, options: TrackRouteOptions): void {
  app.get(`${TRACK_PATH}/:code`, async (req, res) => {
    if (!(await withinLimit(res, () => options.limit(req.ip ?? 'unknown'), true))) return;
    const code = String(req.params.code);
    const base = options.deliveryUrl();
    const unavailable = () => sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Tracking is unavailable; try again.');
    if (!base) return void unavailable();
    if (!trackingCode.linkId(code)) return sendError(res, 404, 'NOT_FOUND', 'This tracking link does not exist.');
    try {
      const answer = await fetch(new URL(`${TRACK_PATH}/${code}`, base), {
        headers: { [VIEWER_HEADER]: signViewerToken(null, options.internalSecret, { ip: req.ip }) },
        signal: AbortSignal.timeout(5000),
      });
      res
        .status(answer.status)
        .set('cache-control', 'no-store')
        .type('application/json')
        .send(await answer.text());
    } catch {
      unavailable();
    }
  });
}
