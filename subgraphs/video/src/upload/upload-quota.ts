import type { EntityManager } from '@mikro-orm/postgresql';
import { mkdir, statfs } from 'node:fs/promises';
import type { MediaSettings } from '../media/media.config.js';
import { PartialUpload, PartialUploadKind } from './partial-upload.entity.js';
import { refuse } from './upload.errors.js';

/** A multipart file arrives in one request: a reservation older than this belongs to a crashed process. */
const MULTIPART_EXPIRY_MS = 6 * 3_600_000;

/** Bytes the upload directory's filesystem still has for unprivileged writers. */
async function freeBytes(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

/**
 * Quotas on unfinished uploads, so no executor (or stolen executor token) can fill the disk with
 * partial files: at most N at once per executor, at most B declared bytes per executor, the
 * directory's budget for everyone, and a floor of free disk. Space is reserved at the declared size
 * before any byte is stored; checks and reservation run under one advisory lock, so parallel
 * requests cannot all pass the same check (and replicas share it through the database).
 */
export class UploadQuota {
  constructor(
    private readonly settings: MediaSettings,
    private readonly now: () => Date,
  ) {}

  async reserve(
    em: EntityManager,
    executorId: string,
    id: string,
    kind: PartialUploadKind,
    sizeBytes: number,
  ): Promise<void> {
    const s = this.settings;
    await em.fork().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended('video.partial_upload', 0))`);
      const now = this.now();
      const [mine] = await tx.execute<{ n: string; bytes: string }[]>(
        'select count(*) as n, coalesce(sum(size_bytes), 0) as bytes from partial_upload where executor_id = ? and expires_at > ?',
        [executorId, now],
      );
      if (Number(mine!.n) >= s.maxPartialUploadsPerExecutor)
        throw refuse.tooManyUploads(s.maxPartialUploadsPerExecutor);
      if (Number(mine!.bytes) + sizeBytes > s.maxPartialBytesPerExecutor)
        throw refuse.executorBytes(s.maxPartialBytesPerExecutor);
      const [all] = await tx.execute<{ bytes: string }[]>(
        'select coalesce(sum(size_bytes), 0) as bytes from partial_upload where expires_at > ?',
        [now],
      );
      if (Number(all!.bytes) + sizeBytes > s.uploadBudgetBytes) throw refuse.noStorage();
      if ((await freeBytes(s.uploadDir)) - sizeBytes < s.minFreeUploadBytes) throw refuse.noStorage();
      const lifetime = kind === PartialUploadKind.TUS ? s.uploadExpiryMs : MULTIPART_EXPIRY_MS;
      tx.create(PartialUpload, {
        id,
        executorId,
        kind,
        sizeBytes,
        createdAt: now,
        expiresAt: new Date(now.getTime() + lifetime),
      });
    });
  }

  /** The upload was recorded, refused or cancelled: its room is free again. */
  async release(em: EntityManager, id: string): Promise<void> {
    await em.fork().nativeDelete(PartialUpload, { id });
  }

  /** Reservations past their expiry, oldest first; the sweep removes their files, then releases them. */
  expired(em: EntityManager, limit = 500): Promise<PartialUpload[]> {
    return em.fork().find(PartialUpload, { expiresAt: { $lte: this.now() } }, { orderBy: { expiresAt: 'asc' }, limit });
  }
}
