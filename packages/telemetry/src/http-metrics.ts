import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import type { ServiceMetrics } from './service-metrics.js';

type Next = (error?: unknown) => void;
type Request = IncomingMessage & { route?: { path?: string }; baseUrl?: string; path?: string };

/**
 * Express middleware counting every request, in flight and by duration. The route label is the
 * mount point or the matched route's pattern, never the raw URL (ids and signed paths would make a
 * series per request); requests no route matched count as "unmatched".
 */
export function httpMetrics(metrics: ServiceMetrics, log?: Logger) {
  return (req: Request, res: ServerResponse, next: Next): void => {
    const started = process.hrtime.bigint();
    metrics.httpInFlight.inc();
    res.once('close', () => {
      metrics.httpInFlight.dec();
      // A mounted app (GraphQL, uploads) is labelled by its mount point, a plain route by its pattern.
      const route = req.baseUrl || (req.route?.path ? String(req.route.path) : 'unmatched');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: req.method ?? 'GET', route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method ?? 'GET', route }, seconds);
      // The access log: debug, so a busy season logs nothing per request unless asked (LOG_LEVEL=debug).
      log?.debug(
        {
          requestId: res.getHeader(REQUEST_ID_HEADER) ?? req.headers[REQUEST_ID_HEADER],
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    next();
  };
}

/** Answers a Prometheus scrape with the service's registry. */
export function metricsRoute(metrics: ServiceMetrics) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('metrics unavailable\n');
    }
  };
}
