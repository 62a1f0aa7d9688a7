import { metricsRoute } from '@qurbani/telemetry';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../listen.js';
import type { ServiceTelemetry } from './service-telemetry.js';

export interface OperationsServerOptions {
  name: string;
  port: number;
  host?: string;
  telemetry: ServiceTelemetry;
  /** Counts for `/stats` (no names, no paths). */
  stats?: () => Promise<Record<string, unknown>>;
  /** The service's own routes (e.g. providers' callbacks), tried first; resolves true when it answered. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;
}

/**
 * The HTTP face of a service that serves no API (orchestrator, workers, notifier): `/health/live`,
 * `/health/ready`, `/metrics` and `/stats`, GET only. `close` flips readiness first.
 */
export async function serveOperations(
  options: OperationsServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const { telemetry, name } = options;
  const metrics = metricsRoute(telemetry.metrics);
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const route = async () => {
      if (await options.routes?.(req, res)) return;
      if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
      if (req.url === '/health/live') return send(200, { status: 'ok' });
      if (req.url === '/health/ready') {
        const { ok, status, checks } = await telemetry.readiness.report();
        return send(ok ? 200 : 503, { status, service: name, checks });
      }
      if (req.url === '/metrics') return metrics(req, res);
      if (req.url === '/stats' && options.stats) return send(200, await options.stats());
      return send(404, { error: 'not found' });
    };
    // Never echo an error message: it may carry an address or a provider's answer.
    route().catch(() => send(500, { error: 'internal error' }));
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        telemetry.readiness.drain();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
