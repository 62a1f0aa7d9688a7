import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '@qurbani/kit';
import type { MediaSettings } from '../media/media.config.js';
import { mediaKeys } from '../media/media-keys.js';
import { VideoStatus } from '../video/video.enums.js';
import { Video } from '../video/video.entity.js';
import { moveObjects } from './move-objects.js';

const DAY_MS = 86_400_000;
/** Videos still in the pipeline keep their files hot whatever their age. */
const IN_FLIGHT: readonly VideoStatus[] = [VideoStatus.AWAITING_UPLOAD, VideoStatus.UPLOADED, VideoStatus.PROCESSING];

/** Moves old videos' files to cold storage, and back when an organizer asks. */
export class ArchiveService {
  constructor(
    private readonly settings: MediaSettings,
    private readonly now: () => Date,
  ) {}

  /**
   * Archives every video older than `archiveAfterDays` (a restored one only after `restoredKeepDays`
   * more), one row lock each with SKIP LOCKED so several workers can sweep together.
   */
  async sweep(em: EntityManager, batch = 100): Promise<number> {
    const now = this.now();
    const createdBefore = new Date(now.getTime() - this.settings.archiveAfterDays * DAY_MS);
    const restoredBefore = new Date(now.getTime() - this.settings.restoredKeepDays * DAY_MS);
    let archived = 0;
    while (archived < batch) {
      const moved = await em.fork().transactional(async (tx) => {
        const video = await tx.findOne(
          Video,
          {
            archivedAt: null,
            createdAt: { $lt: createdBefore },
            status: { $nin: [...IN_FLIGHT] },
            $or: [{ restoredAt: null }, { restoredAt: { $lt: restoredBefore } }],
          },
          { orderBy: { createdAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (!video) return false;
        await moveObjects(this.settings.stores.hot, this.settings.stores.cold, mediaKeys(video.id).prefix);
        video.archivedAt = now;
        return true;
      });
      if (!moved) break;
      archived++;
    }
    return archived;
  }

  /** Brings an archived video's files back to the hot store; a video that is not archived is returned as it is. */
  async restore(em: EntityManager, videoId: string): Promise<Video> {
    return em.transactional(async (tx) => {
      const video = await tx.findOne(Video, { id: videoId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!video) throw notFound('Video', videoId);
      if (!video.archivedAt) return video;
      const moved = await moveObjects(this.settings.stores.cold, this.settings.stores.hot, mediaKeys(video.id).prefix);
      if (moved === 0 && !(await this.settings.stores.hot.list(mediaKeys(video.id).prefix)).length) {
        throw conflict('The archived files of this video were not found in cold storage.');
      }
      const at = this.now();
      Object.assign(video, { archivedAt: null, restoredAt: at, updatedAt: at });
      return video;
    });
  }
}
