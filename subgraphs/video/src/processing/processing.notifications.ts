import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject } from '@qurbani/events';
import type { Video } from '../video/video.entity.js';

/** `notification.send` kind: the executor's file was refused and must be recorded or sent again. */
export const UPLOAD_REJECTED = 'VIDEO_UPLOAD_REJECTED';

/** Tells the executor why the file was refused, in the caller's transaction. */
export function notifyRejectedFile(em: EntityManager, video: Video, reason: string): void {
  const executorId = video.access.executorId;
  if (!executorId) return;
  enqueue(em, Subject.NotificationSend, {
    recipientAccountId: executorId,
    kind: UPLOAD_REJECTED,
    params: { videoId: video.id, sacrificeId: video.sacrificeId, attempt: String(video.attempt), reason },
  });
}
