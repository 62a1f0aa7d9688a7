import { listen } from '@qurbani/kit';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthSources {
  /** Liveness of the database and NATS; readiness fails when either is down. */
  ready(): Promise<{ ok: boolean; checks: Record<string, unknown> }>;
  stats(): Promise<Record<string, unknown>>;
}

/** `/health/live`, `/health/ready` and `/stats` (counts only: no names, no paths). */
export async function startHealthServer(
  port: number,
  host: string,
  sources: HealthSources,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const route = async () => {
      if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
      if (req.url === '/health/live') return send(200, { status: 'ok' });
      if (req.url === '/health/ready') {
        const { ok, checks } = await sources.ready();
        return send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', service: 'orchestrator', ...checks });
      }
      if (req.url === '/stats') return send(200, await sources.stats());
      return send(404, { error: 'not found' });
    };
    route().catch((error) => send(500, { error: (error as Error).message }));
  });
  await listen(server, port, host);
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
