import { type Viewer } from '@qurbani/kit';
import { signViewerToken, VIEWER_HEADER } from '@qurbani/kit/testing';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaOptions } from '../src/media/media.config.js';
import { secret } from './support.js';

/** Media settings of one test: its own directories under `dir`, fast encodes, no scheduled sweep. */
export const testMedia = (dir: string, extra: MediaOptions = {}): { media: MediaOptions } => ({
  media: {
    storage: { MEDIA_ROOT: join(dir, 'hot'), MEDIA_COLD_ROOT: join(dir, 'cold') },
    uploadDir: join(dir, 'uploads'),
    x264Preset: 'ultrafast',
    archiveIntervalMs: 0,
    ...extra,
  },
});

/** Headers the gateway would add for `viewer`. */
export const asViewer = (viewer: Viewer | null) => ({ [VIEWER_HEADER]: signViewerToken(viewer, secret) });

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A bare tus 1.0 client talking to the subgraph as the gateway would. */
export const tus = {
  create: (
    origin: string,
    viewer: Viewer | null,
    m: { videoId: string; contentType: string; size: number; sha256: string },
  ) =>
    fetch(`${origin}/uploads/videos`, {
      method: 'POST',
      headers: {
        ...asViewer(viewer),
        'tus-resumable': '1.0.0',
        'upload-length': String(m.size),
        'upload-metadata': `videoId ${b64(m.videoId)},filetype ${b64(m.contentType)},sha256 ${b64(m.sha256)}`,
      },
    }),
  patch: (url: string, viewer: Viewer | null, offset: number, body: Uint8Array) =>
    fetch(url, {
      method: 'PATCH',
      headers: {
        ...asViewer(viewer),
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body,
    }),
  head: (url: string, viewer: Viewer | null) =>
    fetch(url, { method: 'HEAD', headers: { ...asViewer(viewer), 'tus-resumable': '1.0.0' } }),
};

/** Uploads a whole file in chunks; returns the last response. */
export async function tusUpload(
  origin: string,
  viewer: Viewer,
  videoId: string,
  path: string,
  sha256: string,
  contentType = 'video/mp4',
  chunk = 64 * 1024,
) {
  const bytes = await readFile(path);
  const created = await tus.create(origin, viewer, { videoId, contentType, size: bytes.length, sha256 });
  if (created.status !== 201) return created;
  const url = new URL(created.headers.get('location')!, origin).toString();
  let res = created;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    res = await tus.patch(url, viewer, offset, bytes.subarray(offset, offset + chunk));
    if (res.status !== 204) return res;
  }
  return res;
}

/**
 * Sends the first `sent` bytes of an upload in a PATCH that declares the whole file, waits until the
 * server holds them, then drops the connection (a phone losing its signal). Returns the offset the
 * server reports afterwards.
 */
export async function cutUpload(url: string, viewer: Viewer, bytes: Uint8Array, sent: number): Promise<number> {
  const req = http.request(url, {
    method: 'PATCH',
    headers: {
      ...asViewer(viewer),
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes.length),
    },
  });
  req.on('error', () => undefined);
  req.write(bytes.subarray(0, sent));
  const deadline = Date.now() + 10_000;
  let offset = 0;
  while (offset < sent && Date.now() < deadline) {
    offset = Number((await tus.head(url, viewer)).headers.get('upload-offset'));
    await new Promise((r) => setTimeout(r, 20));
  }
  req.destroy();
  await new Promise((r) => setTimeout(r, 200));
  return Number((await tus.head(url, viewer)).headers.get('upload-offset'));
}
