import { VIEWER_HEADER, verifyViewerToken } from '@qurbani/kit';
import type { Server } from '@tus/server';
import type express from 'express';
import { TUS_PATH } from './tus-upload.js';

/** Mounts the tus endpoint. Only the gateway may call it (viewer token); CORS preflights excepted. */
export function tusRoute(app: express.Express, server: Server, internalSecret: string): void {
  app.all([TUS_PATH, `${TUS_PATH}/:id`], (req, res) => {
    if (req.method === 'GET') {
      // Uploads are write-only: videos are watched through signed playback links.
      res.status(405).setHeader('Allow', 'POST, HEAD, PATCH, DELETE, OPTIONS').end();
      return;
    }
    if (req.method !== 'OPTIONS') {
      try {
        verifyViewerToken(req.header(VIEWER_HEADER), internalSecret);
      } catch {
        res.status(401).type('text/plain').send('This service only answers the gateway.\n');
        return;
      }
    }
    server.handle(req, res).catch((error) => {
      console.error('upload request failed:', error);
      if (!res.headersSent) res.status(500).end();
    });
  });
}
