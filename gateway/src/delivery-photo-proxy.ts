import { DELIVERY_PHOTOS_PATH, sendError, signViewerToken, VIEWER_HEADER, type Viewer } from '@qurbani/kit';
import type { Express } from 'express';
import http from 'node:http';
import { pipeline } from 'node:stream';
import { withinLimit } from './perimeter/rate-limits.js';

const DELIVERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface DeliveryPhotoProxyOptions {
  /** The delivery subgraph's GraphQL URL (its origin takes the photos). */
  deliveryUrl: () => string | undefined;
  internalSecret: string;
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  /** Spends one request of the viewer's upload budget; throws `RateLimited` when spent. */
  limit: (viewer: Viewer) => Promise<void>;
}

/**
 * `POST /uploads/delivery-photos/<deliveryId>` with the access token: a driver's proof-of-delivery
 * photo (multipart), piped to the one fixed path of the delivery subgraph with only `content-type`
 * and `content-length` and the viewer token, and the answer piped back. Nothing is buffered here;
 * the delivery subgraph checks the driver, the size and the bytes.
 */
export function mountDeliveryPhotoProxy(app: Express, options: DeliveryPhotoProxyOptions): void {
  app.post(`${DELIVERY_PHOTOS_PATH}/:deliveryId`, async (req, res) => {
    const deliveryId = String(req.params.deliveryId);
    if (!DELIVERY_ID.test(deliveryId)) return sendError(res, 404, 'NOT_FOUND', 'No such delivery.');
    const viewer = await options.viewerOf(req.header('authorization')).catch(() => null);
    if (!viewer) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
    if (!(await withinLimit(res, () => options.limit(viewer), true))) return;
    const base = options.deliveryUrl();
    if (!base) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The delivery service is unavailable; try again.');
    const headers: http.OutgoingHttpHeaders = {
      [VIEWER_HEADER]: signViewerToken(viewer, options.internalSecret, { ip: req.ip }),
    };
    for (const name of ['content-type', 'content-length'] as const)
      if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    const target = new URL(`${DELIVERY_PHOTOS_PATH}/${deliveryId}`, new URL(base).origin);
    const upstream = http.request(target, { method: 'POST', headers, agent }, (answer) => {
      // Answered before the whole body arrived (a refused photo): this connection cannot carry another request.
      if (!req.complete) res.setHeader('connection', 'close');
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      pipeline(answer, res, () => undefined);
    });
    upstream.on('error', () =>
      res.headersSent ? res.destroy() : sendError(res, 502, 'BAD_GATEWAY', 'The photo upload failed; send it again.'),
    );
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    pipeline(req, upstream, (error) => {
      if (error) upstream.destroy();
    });
  });
}
