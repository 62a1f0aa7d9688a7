import { eventually } from '@qurbani/kit/testing';
import { ResumableVideoUpload, VideoPlaybackDocument, VideoUploadStateDocument } from '@qurbani/sdk';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from './season.js';

/** Throw-away media directories for the video subgraph (`overrides.video.media`), fast encodes. */
export async function mediaDirs(): Promise<{ dir: string; media: Record<string, unknown>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-media-'));
  return {
    dir,
    media: {
      storage: { MEDIA_ROOT: join(dir, 'hot'), MEDIA_COLD_ROOT: join(dir, 'cold') },
      uploadDir: join(dir, 'uploads'),
      x264Preset: 'ultrafast',
      archiveIntervalMs: 0,
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Sends `bytes[0..upTo)` in a PATCH that announces the whole rest, waits until the server holds
 * them, then drops the connection: a phone losing its signal in the middle of an upload.
 */
export async function patchThenDrop(
  upload: ResumableVideoUpload,
  accessToken: string,
  bytes: Buffer,
  upTo: number,
): Promise<void> {
  const req = http.request(upload.url!, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes.length),
    },
  });
  req.on('error', () => undefined);
  req.write(bytes.subarray(0, upTo));
  await eventually(async () => (await upload.offset()) >= upTo, 10_000, 20);
  req.destroy();
}

/** Waits until the executor sees the video leave UPLOADED (preprocessed or refused). */
export const afterPreprocessing = (executor: Actor, id: string) =>
  eventually(
    async () => {
      const { video } = await executor.client.request(VideoUploadStateDocument, { id });
      return video.status !== 'UPLOADED' && video.status !== 'AWAITING_UPLOAD' ? video : undefined;
    },
    60_000,
    200,
  );

/** Waits until the playback copies exist. */
export const whenPlayable = (viewer: Actor, id: string, original = false) =>
  eventually(
    async () => {
      const { video } = await viewer.client.request(VideoPlaybackDocument, { id, original });
      return video.playback?.status === 'READY' ? video.playback : undefined;
    },
    90_000,
    250,
  );
