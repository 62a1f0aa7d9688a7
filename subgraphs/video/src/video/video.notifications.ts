import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject } from '@qurbani/events';
import type { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import { ReviewOutcome } from './video.enums.js';
import type { Video } from './video.entity.js';

/**
 * Queues the notifications of a reviewer decision in the caller's transaction. The executor gets the
 * reason of a rejection (what to fix); donors only learn the outcome.
 */
export function notifyDecision(
  em: EntityManager,
  video: Video,
  access: SacrificeAccess,
  decision: ReviewOutcome,
  reason: string | null,
) {
  const params = { videoId: video.id, sacrificeId: access.sacrificeId, attempt: String(video.attempt) };
  if (decision === ReviewOutcome.REJECT && access.executorId) {
    enqueue(em, Subject.NotificationSend, {
      recipientAccountId: access.executorId,
      kind: NotificationKind.VideoRetakeRequested,
      params: { ...params, reason: reason ?? '' },
    });
  }
  const kind = decision === ReviewOutcome.APPROVE ? NotificationKind.VideoApproved : NotificationKind.VideoRejected;
  for (const donorId of access.donorIds)
    enqueue(em, Subject.NotificationSend, { recipientAccountId: donorId, kind, params });
}
