import express, { type Express } from 'express';

const DIR = new URL('../web/proof/', import.meta.url).pathname;
const SACRIFICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `/proof/<sacrificeId>`, the page a certificate's QR code opens (bundled by
 * scripts/bundle-dashboard.mjs): static files only; the donor signs in on the page and every fact
 * comes from `/graphql` with their token, so the link alone shows nothing.
 */
export function mountProofPage(app: Express): void {
  app.use(
    '/proof/assets',
    express.static(DIR, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
    }),
  );
  app.get('/proof/:sacrificeId', (req, res) => {
    if (!SACRIFICE_ID.test(req.params.sacrificeId))
      return void res.status(404).type('text/plain').send('No such page.\n');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile('index.html', { root: DIR });
  });
}
