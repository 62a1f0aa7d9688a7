import { sendError, EXPORTS_PATH, isOrganizer, signViewerToken, VIEWER_HEADER, type Viewer } from '@qurbani/kit';
import type { Express } from 'express';
import http from 'node:http';
import { withinLimit } from './perimeter/rate-limits.js';

/** Which subgraph owns each export; anything else is 404 before a byte is forwarded. */
const OWNERS: ReadonlyMap<string, string> = new Map([
  ['sacrifices.csv', 'sacrifice'],
  ['orders.csv', 'donor'],
  ['deliveries.csv', 'delivery'],
  ['review-decisions.csv', 'video'],
  ['hide-sales.csv', 'skin'],
]);
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

export interface ExportsRouteOptions {
  subgraphUrl: (name: string) => string | undefined;
  internalSecret: string;
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  limit: (viewer: Viewer) => Promise<void>;
}

/**
 * `GET /exports/<name>.csv` with the access token: forwarded to the owning subgraph with the viewer
 * token (it decides again who may export), its answer piped back as it comes, so an export of any
 * size passes through in constant memory; a client that goes away ends the subgraph's query loop.
 */
export function mountExportsRoute(app: Express, options: ExportsRouteOptions): void {
  app.get(`${EXPORTS_PATH}/:file`, async (req, res) => {
    const owner = OWNERS.get(req.params.file);
    if (!owner) return sendError(res, 404, 'NOT_FOUND', 'No such export.');
    const viewer = await options.viewerOf(req.header('authorization')).catch(() => null);
    if (!viewer) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
    if (!isOrganizer(viewer)) return sendError(res, 403, 'FORBIDDEN', 'Only organizers may export.');
    if (!(await withinLimit(res, () => options.limit(viewer), true))) return;
    const base = options.subgraphUrl(owner);
    if (!base) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The service is unavailable; try again.');
    const target = new URL(`${EXPORTS_PATH}/${req.params.file}`, base);
    const seasonId = req.query.seasonId;
    if (typeof seasonId === 'string') target.searchParams.set('seasonId', seasonId);
    const upstream = http.get(
      target,
      { headers: { [VIEWER_HEADER]: signViewerToken(viewer, options.internalSecret, { ip: req.ip }) } },
      (answer) => {
        const headers = Object.fromEntries(
          PASSED_HEADERS.flatMap((h) => (answer.headers[h] ? [[h, answer.headers[h]]] : [])),
        );
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () =>
      res.headersSent ? res.destroy() : sendError(res, 502, 'BAD_GATEWAY', 'The export failed.'),
    );
    res.once('close', () => upstream.destroy());
  });
}
