import cors from 'cors';
import type { NodeMiddleware } from '@qurbani/kit';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APOLLO_PREFLIGHT_HEADERS, TUS_REQUEST_HEADERS } from './client-headers.js';

// What browsers may send cross-origin: the API's headers and tus's (resumable uploads from a web app).
const ALLOWED_HEADERS = ['authorization', 'content-type', 'range', ...APOLLO_PREFLIGHT_HEADERS, ...TUS_REQUEST_HEADERS];
const EXPOSED_HEADERS = [
  'location',
  'upload-offset',
  'upload-length',
  'upload-metadata',
  'upload-expires',
  'tus-resumable',
  'tus-version',
  'tus-max-size',
  'tus-extension',
  'content-range',
  'retry-after',
];

/** `*.localhost`, `localhost` and `127.0.0.1` on any port: the apps a developer runs next to the gateway. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]|[a-z0-9-]+\.localhost)(:\d{1,5})?$/;

/**
 * Security headers on every answer, and CORS for the listed web apps only (with `corsOrigins`
 * empty: in development the local origins, in production none, i.e. same origin only). Access
 * tokens travel in `Authorization`, never in cookies, so no credentials mode is offered.
 */
export function securityHeaders(options: { corsOrigins: readonly string[]; production: boolean }): NodeMiddleware[] {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        // The explorer is one page with its scripts and styles inline (served offline).
        'default-src': ["'self'"],
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'worker-src': ["'self'", 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'frame-ancestors': ["'none'"],
        // Only behind TLS: on a plain-HTTP development or LAN gateway it would send the explorer's calls to https.
        'upgrade-insecure-requests': options.production ? [] : null,
      },
    },
    // Signed playback links are embedded by the donors' apps on their own origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.production,
  });
  const listed = new Set(options.corsOrigins);
  const corsHandler = cors({
    origin: (origin, done) =>
      done(null, !origin || listed.has(origin) || (!options.production && !listed.size && LOCAL_ORIGIN.test(origin))),
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  // A tus client's plain OPTIONS (no Access-Control-Request-Method) asks the upload server, not CORS.
  const crossOrigin: NodeMiddleware = (req, res, next) =>
    req.method === 'OPTIONS' && !req.headers['access-control-request-method'] ? next() : corsHandler(req, res, next);
  return [recorded(headers), crossOrigin];
}

/**
 * Helmet's headers, recorded once and set as recorded: with static options they never change, and
 * helmet passes every request through eleven middleware calls to set them.
 */
function recorded(helmetMiddleware: NodeMiddleware): NodeMiddleware {
  const set = new Map<string, string>();
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => set.set(name, value),
    removeHeader: (name: string) => removed.push(name),
  };
  let done = false;
  helmetMiddleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be recorded');
  const headers = [...set];
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
