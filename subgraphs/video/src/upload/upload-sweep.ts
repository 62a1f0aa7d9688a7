import type { MikroORM } from '@mikro-orm/postgresql';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaSettings } from '../media/media.config.js';
import type { HashingFileStore } from './hashing-file-store.js';
import { multipartDir } from './multipart-upload.service.js';
import { PartialUploadKind } from './partial-upload.entity.js';
import type { UploadQuota } from './upload-quota.js';

/**
 * Removes expired partial uploads: each reservation past its expiry loses its file, then its room
 * in the quotas (a file another replica holds is left to that replica's tus expiry below). Returns
 * the number of reservations released.
 */
async function sweepExpiredUploads(
  orm: MikroORM,
  quota: UploadQuota,
  store: HashingFileStore,
  settings: MediaSettings,
): Promise<number> {
  let released = 0;
  for (;;) {
    const expired = await quota.expired(orm.em);
    for (const upload of expired) {
      if (upload.kind === PartialUploadKind.TUS) await store.forget(upload.id).catch(() => undefined);
      else await rm(join(multipartDir(settings), upload.id), { force: true });
      await quota.release(orm.em, upload.id);
      released++;
    }
    if (expired.length === 0) break;
  }
  // Partial uploads without a reservation (made before quotas existed) expire by tus' own clock.
  await store.deleteExpired();
  return released;
}

/** Runs the sweep every `settings.uploadSweepIntervalMs` (0: never); returns a stopper. */
export function startUploadSweep(
  orm: MikroORM,
  quota: UploadQuota,
  store: HashingFileStore,
  settings: MediaSettings,
): { stop(): Promise<void> } {
  if (settings.uploadSweepIntervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepExpiredUploads(orm, quota, store, settings).catch((error) =>
      console.error('upload cleanup failed:', error),
    );
  }, settings.uploadSweepIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
