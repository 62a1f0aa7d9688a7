import type { Readiness } from '@qurbani/kit';
import type { Express } from 'express';

const SUBGRAPH = 'subgraph:';

/**
 * /health/live answers while the process runs; /health/ready is the operations port's readiness
 * (Redis and every subgraph with its database), reported per subgraph for load balancers.
 */
export function mountHealth(app: Express, readiness: Readiness): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const report = await readiness.report();
    const subgraphs = Object.fromEntries(
      Object.entries(report.checks)
        .filter(([name]) => name.startsWith(SUBGRAPH))
        .map(([name, state]) => [name.slice(SUBGRAPH.length), state === 'ok' ? 'ok' : 'unavailable']),
    );
    res.status(report.ok ? 200 : 503).json({ status: report.ok ? 'ok' : 'degraded', subgraphs });
  });
}

/** One readiness check per subgraph of the supergraph: its own /health/ready (database, NATS, Redis). */
export function watchSubgraphs(readiness: Readiness, subgraphUrls: Record<string, string>): void {
  for (const [name, url] of Object.entries(subgraphUrls))
    readiness.add(`${SUBGRAPH}${name}`, async () => {
      const response = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(1500) });
      return response.ok;
    });
}
