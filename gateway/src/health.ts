import type { Express } from 'express';

/** /health/live answers while the process runs; /health/ready checks every subgraph and its database. */
export function mountHealth(app: Express, subgraphUrls: () => Record<string, string>): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls()).map(async ([name, url]) => {
        const ready = url.replace(/\/graphql$/, '/health/ready');
        const ok = await fetch(ready, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        );
        return [name, ok ? 'ok' : 'unavailable'] as const;
      }),
    );
    const allOk = checks.every(([, status]) => status === 'ok');
    res.status(allOk ? 200 : 503).json({ status: allOk ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
}
