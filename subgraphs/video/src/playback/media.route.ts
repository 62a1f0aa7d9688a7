import { gatewayOnly } from '@qurbani/kit';
import { assertValidKey, contentTypeOf, type ObjectStore } from '@qurbani/storage';
import type { Request, RequestHandler, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { validate as isUuid } from 'uuid';
import { mediaKeys, type PlaybackVariantName } from '../media/media-keys.js';
import { parseRange } from './byte-range.js';
import type { PlaybackSigner } from './signed-url.js';

/**
 * `GET|HEAD /media/:videoId/:variant/:exp/:sig/*path`: serves one object of a signed variant folder,
 * with `Range` support (players seek, phones resume). Reached through the gateway like everything
 * else (the viewer token may be anonymous: the signature is the permission).
 */
export function mediaRoute(options: {
  store: () => ObjectStore;
  signer: PlaybackSigner;
  internalSecret: string;
}): RequestHandler[] {
  const serve = async (req: Request, res: Response) => {
    const { videoId, variant, exp, sig } = req.params as Record<string, string>;
    const rest = (req.params as unknown as { path: string[] }).path ?? [];
    const verdict = options.signer.check(videoId!, variant!, exp!, sig!);
    if (!isUuid(videoId!) || verdict !== 'valid') {
      res
        .status(403)
        .type('text/plain')
        .send(verdict === 'expired' ? 'This link has expired; ask for a new one.\n' : 'This link is not valid.\n');
      return;
    }
    const path = rest.join('/');
    try {
      assertValidKey(path);
    } catch {
      res.status(404).type('text/plain').send('Not found.\n');
      return;
    }
    const store = options.store();
    const key = mediaKeys(videoId!).inVariant(variant as PlaybackVariantName, path);
    const stat = await store.stat(key);
    if (!stat) {
      res.status(404).type('text/plain').send('Not found (it may have been archived).\n');
      return;
    }
    const range = parseRange(req.header('range'), stat.size);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', contentTypeOf(key));
    res.setHeader('Last-Modified', stat.modifiedAt.toUTCString());
    // The signed path is the permission and an object under it never changes: any cache (a CDN in
    // front of the gateway) may keep it until the link expires.
    res.setHeader('Cache-Control', `public, max-age=${options.signer.remainingSeconds(exp!)}, immutable`);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${stat.size}`).end();
      return;
    }
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200).setHeader('Content-Length', String(stat.size));
    }
    if (req.method === 'HEAD' || stat.size === 0) {
      res.end();
      return;
    }
    await pipeline(await store.get(key, range ?? undefined), res).catch(() => undefined);
  };
  return [gatewayOnly(options.internalSecret), serve];
}
