import express, { type Express } from 'express';

const DIR = new URL('../web/dashboard/', import.meta.url).pathname;

/**
 * The organizer dashboard page at `/dashboard` (bundled by scripts/bundle-dashboard.mjs): static
 * files only, scripts as files (no inline script, so the CSP needs nothing new). Signing in and
 * every figure go through `/graphql` like any client; the page itself holds no data.
 */
export function mountDashboardPage(app: Express): void {
  app.get('/dashboard', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile('index.html', { root: DIR });
  });
  app.use(
    '/dashboard/assets',
    express.static(DIR, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
    }),
  );
}
