import type { Readiness, Replicas } from '@qurbani/kit';
import type { Express } from 'express';
import { refusedConnection } from './replicas.js';

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

/**
 * One readiness check per subgraph of the supergraph: its replicas' own /health/ready (database,
 * NATS, Redis). Ready while one replica is; one that does not answer sits out of the rotation a while.
 */
export function watchSubgraphs(readiness: Readiness, subgraphs: Record<string, Replicas>): void {
  for (const [name, replicas] of Object.entries(subgraphs))
    readiness.add(`${SUBGRAPH}${name}`, async () => {
      const ready = await Promise.all(
        replicas.urls.map(async (url) => {
          try {
            const response = await fetch(url.replace(/\/graphql$/, '/health/ready'), {
              signal: AbortSignal.timeout(1500),
            });
            return response.ok;
          } catch (error) {
            if (refusedConnection(error)) replicas.refused(url);
            return false;
          }
        }),
      );
      return ready.some(Boolean);
    });
}
