import { DOCUMENTS_PATH, sendError, signViewerToken, VIEWER_HEADER } from '@qurbani/kit';
import type { Express } from 'express';
import { withinLimit } from './perimeter/rate-limits.js';

/** Which subgraph renders each kind of document; anything else is 404 before a byte is forwarded. */
const OWNERS: Readonly<Record<string, string>> = { receipts: 'donor', certificates: 'sacrifice' };
const SEGMENT = /^[A-Za-z0-9_-]+(\.pdf)?$/;
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'server-timing'];

export interface DocumentsRouteOptions {
  subgraphUrl: (name: string) => string | undefined;
  internalSecret: string;
  /** Spends one request of the client address's anonymous budget; throws `RateLimited` when spent. */
  limit: (ip: string) => Promise<void>;
}

/**
 * `GET /documents/<kind>/...`: signed document links (receipts, certificates), forwarded to the subgraph that
 * renders them, which checks the signature: the link is the permission, so no sign-in is needed
 * (it is opened from an e-mail), and guesses spend the anonymous budget.
 */
export function mountDocumentsRoute(app: Express, options: DocumentsRouteOptions): void {
  app.get(`${DOCUMENTS_PATH}/:kind/*rest`, async (req, res) => {
    const owner = OWNERS[req.params.kind];
    if (!owner) return sendError(res, 404, 'NOT_FOUND', 'No such document.');
    if (!(await withinLimit(res, () => options.limit(req.ip ?? 'unknown'), true))) return;
    const base = options.subgraphUrl(owner);
    if (!base) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Documents are unavailable; try again.');
    const rest = (req.params as unknown as { rest: string[] }).rest;
    // Ids, languages, expiries, signatures and a `.pdf` name only: `..` (however encoded) never reaches the URL.
    if (!rest.every((segment) => SEGMENT.test(segment))) return sendError(res, 404, 'NOT_FOUND', 'No such document.');
    // A fixed origin and kind plus the encoded path segments: nothing the client sends can choose the host.
    const target = new URL(
      `${DOCUMENTS_PATH}/${req.params.kind}/${rest.map(encodeURIComponent).join('/')}`,
      new URL(base).origin,
    );
    try {
      const answer = await fetch(target, {
        headers: { [VIEWER_HEADER]: signViewerToken(null, options.internalSecret, { ip: req.ip }) },
        signal: AbortSignal.timeout(15_000),
      });
      for (const header of PASSED_HEADERS) {
        const value = answer.headers.get(header);
        if (value) res.setHeader(header, value);
      }
      res.status(answer.status).send(Buffer.from(await answer.arrayBuffer()));
    } catch {
      sendError(res, 502, 'BAD_GATEWAY', 'The document could not be fetched; try again.');
    }
  });
}
