import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRACEPARENT_HEADER, type Tracing } from './tracing.js';

type Next = (error?: unknown) => void;

/**
 * Express middleware: one server span per request, continuing the caller's `traceparent` (or
 * starting a trace), active while the request is handled. Mount it only when `tracing.on`.
 */
export function httpTracing(tracing: Tracing) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const incoming = req.headers[TRACEPARENT_HEADER];
    const parent = (Array.isArray(incoming) ? incoming[0] : incoming) ?? null;
    // The first path segment only: ids and signed paths would make a span name per request.
    const mount = (req.url ?? '/').split(/[/?]/)[1] ?? '';
    void tracing.span(
      `${req.method} /${mount}`,
      () =>
        new Promise<void>((resolve) => {
          const span = trace.getActiveSpan();
          res.once('close', () => {
            span?.setAttribute('http.response.status_code', res.statusCode);
            resolve();
          });
          next();
        }),
      { parent, kind: 'server', attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': `/${mount}` } },
    );
  };
}
