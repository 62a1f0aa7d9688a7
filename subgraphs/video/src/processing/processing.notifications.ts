import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject } from '@qurbani/events';
import type { Video } from '../video/video.entity.js';

/** Tells the executor why the file was refused, in the caller's transaction. */
export function notifyRejectedFile(em: EntityManager, video: Video, reason: string): void {
  const executorId = video.access.executorId;
  if (!executorId) return;
  enqueue(em, Subject.NotificationSend, {
    recipientAccountId: executorId,
    kind: NotificationKind.VideoUploadRejected,
    params: { videoId: video.id, sacrificeId: video.sacrificeId, attempt: String(video.attempt), reason },
  });
}
