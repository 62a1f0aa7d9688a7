import { gatewayOnly, UPLOADS_PATH } from '@qurbani/kit';
import type { Server } from '@tus/server';
import type express from 'express';

/** Mounts the tus endpoint. Only the gateway may call it (viewer token); CORS preflights excepted. */
export function tusRoute(app: express.Express, server: Server, internalSecret: string): void {
  const onlyGateway = gatewayOnly(internalSecret);
  const guard: express.RequestHandler = (req, res, next) => {
    // Uploads are write-only: videos are watched through signed playback links.
    if (req.method === 'GET')
      return void res.status(405).setHeader('Allow', 'POST, HEAD, PATCH, DELETE, OPTIONS').end();
    if (req.method === 'OPTIONS') return next();
    onlyGateway(req, res, next);
  };
  app.all([UPLOADS_PATH, `${UPLOADS_PATH}/:id`], guard, (req, res) => {
    server.handle(req, res).catch((error) => {
      console.error('upload request failed:', error);
      if (!res.headersSent) res.status(500).end();
    });
  });
}
