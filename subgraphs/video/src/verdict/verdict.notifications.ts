import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject } from '@qurbani/events';
import type { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import { VideoStatus } from '../video/video.enums.js';
import type { Video } from '../video/video.entity.js';

/**
 * Tells each donor of the sacrifice what the automatic check concluded, in the caller's
 * transaction: once per verdict, because the verdict is stored once per video.
 */
export function notifyVerdict(em: EntityManager, video: Video, access: SacrificeAccess): void {
  const kind =
    video.status === VideoStatus.VALIDATED ? NotificationKind.VideoValidated : NotificationKind.VideoUnderReview;
  const params = { videoId: video.id, sacrificeId: access.sacrificeId, attempt: String(video.attempt) };
  for (const donorId of access.donorIds)
    enqueue(em, Subject.NotificationSend, { recipientAccountId: donorId, kind, params });
}
