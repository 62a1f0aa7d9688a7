import { withTraceparent } from '@qurbani/telemetry';
import { MEDIA_PATH, signViewerToken, UPLOADS_PATH, VIEWER_HEADER, type Replicas, type Viewer } from '@qurbani/kit';
import type { Express, Request, Response } from 'express';
import http from 'node:http';
import { pipeline } from 'node:stream';
import { APOLLO_PREFLIGHT_HEADERS, TUS_REQUEST_HEADERS } from './perimeter/client-headers.js';
import { withinLimit } from './perimeter/rate-limits.js';
import { brokenConnection, refusedConnection } from './replicas.js';

export interface UploadsProxyOptions {
  /** The video subgraph's replicas' GraphQL URLs (their origins also serve uploads and media). */
  video: () => Replicas | undefined;
  /** Verifies `Authorization` as for GraphQL; throws on a bad, expired or revoked token. */
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  internalSecret: string;
  /** Spends one request of the signed-in viewer's budget; throws `RateLimited` when spent. */
  limit?: (viewer: Viewer) => Promise<void>;
}

// Only what tus, playback and GraphQL multipart need goes upstream; a client's Authorization,
// cookies, Host or a forged viewer header never does.
const REQUEST_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'accept',
  'accept-encoding',
  'range',
  'if-range',
  'if-none-match',
  'if-modified-since',
  ...TUS_REQUEST_HEADERS,
  ...APOLLO_PREFLIGHT_HEADERS,
];
// Hop-by-hop (RFC 9110 §7.6.1), and CORS, which the gateway answers for itself.
const DROP_FROM_ANSWER = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Upload ids are UUIDs; playback paths are `<uuid>/<variant>/<exp>/<signature>/<file path>`. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MEDIA_TARGET =
  /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(original|blurred)\/\d{1,12}\/[A-Za-z0-9_-]{43}(\/[A-Za-z0-9_-][A-Za-z0-9._-]*){1,8}$/;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const requestHeaders = (source: http.IncomingHttpHeaders): http.OutgoingHttpHeaders =>
  Object.fromEntries(REQUEST_HEADERS.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));

const answerHeaders = (source: http.IncomingHttpHeaders): http.OutgoingHttpHeaders =>
  Object.fromEntries(
    Object.entries(source).filter(([name]) => !DROP_FROM_ANSWER.has(name) && !name.startsWith('access-control-')),
  );

/**
 * The upstream path of a request, from an allow-list, or undefined: the target's path alone (no
 * query string, no other host) and only in the shapes the video subgraph serves.
 */
function upstreamPathOf(path: string, kind: 'upload' | 'media' | 'graphql'): string | undefined {
  if (kind === 'graphql') return path === '/graphql' ? path : undefined;
  if (kind === 'media') return MEDIA_TARGET.test(path) ? path : undefined;
  if (path === UPLOADS_PATH) return path;
  const id = path.startsWith(`${UPLOADS_PATH}/`) ? path.slice(UPLOADS_PATH.length + 1) : '';
  return UPLOAD_ID.test(id) ? path : undefined;
}

/**
 * Pipes the request to a replica of the subgraph and the answer back, chunk by chunk with
 * backpressure: a 1 GB upload never sits in the gateway's memory. A client that drops the
 * connection drops the subgraph's request too, so a resumable upload keeps exactly the bytes that
 * arrived. The body starts flowing only once a replica accepted the connection: a replica that
 * refused it got nothing, so the next replica is tried (any method, an upload PATCH too); a GET or
 * HEAD is also tried again after a connection broken before its answer. Anything else is the
 * client's to retry (tus resumes from HEAD).
 */
function forward(
  req: Request,
  res: Response,
  path: string,
  replicas: Replicas,
  viewer: Viewer | null,
  internalSecret: string,
): void {
  // The upload's span continues in the video subgraph (a no-op when tracing is off).
  const headers = withTraceparent({
    ...requestHeaders(req.headers),
    [VIEWER_HEADER]: signViewerToken(viewer, internalSecret),
    'x-forwarded-host': req.headers.host ?? '',
    'x-forwarded-proto': req.protocol,
  });
  const order = replicas.order();
  // Reads without a body (playback, tus HEAD) may be sent again after a broken kept-alive connection.
  const bodyless = req.method === 'GET' || req.method === 'HEAD';
  let upstream: http.ClientRequest | undefined;
  res.on('close', () => {
    if (!res.writableFinished) upstream?.destroy();
  });
  const attempt = (index: number): void => {
    const base = order[index]!;
    // A fixed origin plus an allow-listed path: nothing the client sends can choose the host.
    const target = new URL(path, new URL(base).origin);
    let sending = false;
    let answered = false;
    const request = http.request(target, { method: req.method, headers, agent }, (answer) => {
      answered = true;
      replicas.answered(base);
      // Answered before the whole body arrived (a refused upload): this connection cannot carry another request.
      if (!req.complete) res.setHeader('Connection', 'close');
      res.writeHead(answer.statusCode ?? 502, answerHeaders(answer.headers));
      pipeline(answer, res, () => undefined);
    });
    upstream = request;
    const send = () => {
      if (sending || res.destroyed) return;
      sending = true;
      if (bodyless) request.end();
      else
        pipeline(req, request, (error) => {
          if (error) request.destroy();
        });
    };
    request.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', send);
      else send();
    });
    request.on('error', (error) => {
      const again = (!sending && refusedConnection(error)) || (bodyless && !answered && brokenConnection(error));
      if (again && index + 1 < order.length && !res.headersSent) {
        replicas.refused(base);
        attempt(index + 1);
        return;
      }
      if (!res.headersSent) res.status(502).type('text/plain').end('The video service is unavailable; try again.\n');
      else res.destroy();
    });
  };
  attempt(0);
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
  const proxy =
    (kind: 'upload' | 'media' | 'graphql', mode: 'required' | 'optional', json = false) =>
    async (req: Request, res: Response) => {
      const path = upstreamPathOf(req.path, kind);
      if (!path) {
        res
          .status(kind === 'media' ? 404 : 400)
          .type('text/plain')
          .send(kind === 'media' ? 'Not found.\n' : 'Bad request target.\n');
        return;
      }
      const replicas = options.video();
      if (!replicas) {
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
      if (viewer && options.limit && !(await withinLimit(res, () => options.limit!(viewer), json))) return;
      forward(req, res, path, replicas, viewer, options.internalSecret);
    };

  app.all([UPLOADS_PATH, `${UPLOADS_PATH}/:id`], proxy('upload', 'required'));
  app.get(`${MEDIA_PATH}/*path`, proxy('media', 'optional'));
  const multipart = proxy('graphql', 'required', true);
  app.post('/graphql', (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    // Refuse cross-site form posts before reading the body (Apollo's CSRF rule for multipart).
    if (!req.header('apollo-require-preflight') && !req.header('x-apollo-operation-name')) {
      res.status(400).json({
        errors: [
          {
            message: 'Multipart requests need a non-empty apollo-require-preflight header.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
      return;
    }
    void multipart(req, res);
  });
}
