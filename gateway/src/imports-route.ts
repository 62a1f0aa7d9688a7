import { IMPORTS_PATH, isOrganizer, sendError, signViewerToken, VIEWER_HEADER, type Viewer } from '@qurbani/kit';
import type { Express } from 'express';
import http from 'node:http';
import { pipeline } from 'node:stream';
import { withinLimit } from './perimeter/rate-limits.js';

/** Which subgraph owns each import; anything else is 404 before a byte is forwarded. */
const OWNERS: ReadonlyMap<string, string> = new Map([
  ['sites', 'sacrifice'],
  ['animals', 'sacrifice'],
  ['recipients', 'delivery'],
]);
const PASSED_QUERY = ['mode', 'seasonId', 'siteId'];

export interface ImportsRouteOptions {
  subgraphUrl: (name: string) => string | undefined;
  internalSecret: string;
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  limit: (viewer: Viewer) => Promise<void>;
}

/**
 * `POST /imports/<kind>?mode=...` with the access token and a CSV body: piped to the owning subgraph
 * (which checks the organizer again, parses and writes as the bytes arrive) and its report piped
 * back. Nothing is buffered here, so a file of any allowed size passes in constant memory.
 */
export function mountImportsRoute(app: Express, options: ImportsRouteOptions): void {
  app.post(`${IMPORTS_PATH}/:kind`, async (req, res) => {
    const owner = OWNERS.get(String(req.params.kind));
    if (!owner) return sendError(res, 404, 'NOT_FOUND', 'No such import.');
    const viewer = await options.viewerOf(req.header('authorization')).catch(() => null);
    if (!viewer) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
    if (!isOrganizer(viewer)) return sendError(res, 403, 'FORBIDDEN', 'Only organizers may import.');
    if (!(await withinLimit(res, () => options.limit(viewer), true))) return;
    const base = options.subgraphUrl(owner);
    if (!base) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The service is unavailable; try again.');
    const target = new URL(`${IMPORTS_PATH}/${req.params.kind}`, new URL(base).origin);
    for (const name of PASSED_QUERY) {
      const value = req.query[name];
      if (typeof value === 'string') target.searchParams.set(name, value);
    }
    const headers: http.OutgoingHttpHeaders = {
      [VIEWER_HEADER]: signViewerToken(viewer, options.internalSecret, { ip: req.ip }),
    };
    for (const name of ['content-type', 'content-length', 'x-request-id']) {
      const value = req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    const upstream = http.request(target, { method: 'POST', headers }, (answer) => {
      // Answered before the whole body arrived (a refused file): this connection cannot carry another request.
      if (!req.complete) res.setHeader('connection', 'close');
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      pipeline(answer, res, () => undefined);
    });
    upstream.on('error', () =>
      res.headersSent ? res.destroy() : sendError(res, 502, 'BAD_GATEWAY', 'The import failed; nothing was written.'),
    );
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    pipeline(req, upstream, (error) => {
      if (error) upstream.destroy();
    });
  });
}
