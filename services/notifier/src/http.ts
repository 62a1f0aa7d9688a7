import { listen } from '@qurbani/kit';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCallback, type CallbackSecrets } from './receipts/receipts.http.js';
import type { Receipts } from './receipts/receipts.js';

export interface HttpSources {
  ready(): Promise<{ ok: boolean; checks: Record<string, unknown> }>;
  stats(): Promise<Record<string, unknown>>;
  receipts: Receipts;
  callbacks: CallbackSecrets;
}

/** Health, `/stats` (counts only) and the providers' receipt callbacks. */
export async function startHttp(
  port: number,
  host: string,
  sources: HttpSources,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const route = async () => {
      if (await handleCallback(req, res, sources.receipts, sources.callbacks)) return;
      if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
      if (req.url === '/health/live') return send(200, { status: 'ok' });
      if (req.url === '/health/ready') {
        const { ok, checks } = await sources.ready();
        return send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', service: 'notifier', ...checks });
      }
      if (req.url === '/stats') return send(200, await sources.stats());
      return send(404, { error: 'not found' });
    };
    // Never echo an error message: a provider's error may carry an address.
    route().catch(() => send(500, { error: 'internal error' }));
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
