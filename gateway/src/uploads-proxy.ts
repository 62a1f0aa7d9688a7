import { signViewerToken, type Viewer } from '@qurbani/kit';
import type { Express, Request, Response } from 'express';
import http from 'node:http';
import { pipeline } from 'node:stream';

/** Paths the gateway streams to the video subgraph's own HTTP routes. */
export const UPLOADS_PATH = '/uploads/videos';
export const MEDIA_PATH = '/media';

export interface UploadsProxyOptions {
  /** The video subgraph's GraphQL URL (its origin also serves uploads and media). */
  videoUrl: () => string | undefined;
  /** Verifies `Authorization` as for GraphQL; throws on a bad, expired or revoked token. */
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  internalSecret: string;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and what the subgraph must never see from a client.
const DROP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization', 'cookie', 'x-qurbani-viewer']);

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function headersFrom(source: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(source).filter(([name]) => !DROP.has(name.toLowerCase())));
}

/**
 * Pipes the request to the subgraph and the answer back, chunk by chunk with backpressure: a 1 GB
 * upload never sits in the gateway's memory. A client that drops the connection drops the
 * subgraph's request too, so a resumable upload keeps exactly the bytes that arrived.
 */
function forward(req: Request, res: Response, target: URL, viewer: Viewer | null, internalSecret: string): void {
  const headers = {
    ...headersFrom(req.headers),
    'x-qurbani-viewer': signViewerToken(viewer, internalSecret),
    'x-forwarded-host': req.headers.host ?? '',
    'x-forwarded-proto': req.protocol,
  };
  const upstream = http.request(target, { method: req.method, headers, agent }, (answer) => {
    // Answered before the whole body arrived (a refused upload): this connection cannot carry another request.
    if (!req.complete) res.setHeader('Connection', 'close');
    res.writeHead(answer.statusCode ?? 502, headersFrom(answer.headers));
    pipeline(answer, res, () => undefined);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.status(502).type('text/plain').end('The video service is unavailable; try again.\n');
    else res.destroy();
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  pipeline(req, upstream, (error) => {
    if (error) upstream.destroy();
  });
}

function unauthorized(res: Response, error: unknown, json: boolean): void {
  const message = error instanceof Error ? error.message : 'Sign in first.';
  if (json) res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  else res.status(401).type('text/plain').send(`${message}\n`);
}

/**
 * Uploads and playback through the gateway's origin and auth:
 * - `/uploads/videos[/:id]`: the resumable (tus 1.0) endpoint; a valid access token is required
 *   (CORS preflights excepted);
 * - `/media/...`: signed playback links (the signature is the permission; `Range` passes through);
 * - `POST /graphql` with `multipart/form-data`: GraphQL multipart uploads go straight to the video
 *   subgraph, unparsed, because the gateway's subgraph client would buffer (or drop) the file.
 *   Select only Video fields in such a mutation.
 * Mount before the GraphQL middleware.
 */
export function mountUploadsProxy(app: Express, options: UploadsProxyOptions): void {
  const targetFor = (req: Request) => {
    const base = options.videoUrl();
    return base ? new URL(req.originalUrl, base) : undefined;
  };
  const proxy = (mode: 'required' | 'optional', json = false) => async (req: Request, res: Response) => {
    const target = targetFor(req);
    if (!target) {
      res.status(503).type('text/plain').send('The video service is not configured.\n');
      return;
    }
    let viewer: Viewer | null;
    try {
      viewer = await options.viewerOf(req.header('authorization'));
    } catch (error) {
      unauthorized(res, error, json);
      return;
    }
    if (mode === 'required' && !viewer && req.method !== 'OPTIONS') {
      unauthorized(res, new Error('Sign in first.'), json);
      return;
    }
    forward(req, res, target, viewer, options.internalSecret);
  };

  app.all([UPLOADS_PATH, `${UPLOADS_PATH}/:id`], proxy('required'));
  app.get(`${MEDIA_PATH}/*path`, proxy('optional'));
  const multipart = proxy('required', true);
  app.post('/graphql', (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    // Refuse cross-site form posts before reading the body (Apollo's CSRF rule for multipart).
    if (!req.header('apollo-require-preflight') && !req.header('x-apollo-operation-name')) {
      res.status(400).json({ errors: [{ message: 'Multipart requests need a non-empty apollo-require-preflight header.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    void multipart(req, res);
  });
}
