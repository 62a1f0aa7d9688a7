import type { EntityManager } from '@mikro-orm/postgresql';
import { Subject, type CheckStatus, type ConsumerFactory, type EventPayloads } from '@qurbani/events';
import { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import { CheckResult, VideoStatus } from '../video/video.enums.js';
import { Video } from '../video/video.entity.js';
import type { VideoService } from '../video/video.service.js';
import type { VerdictCounter } from './verdict.metrics.js';
import { notifyVerdict } from './verdict.notifications.js';

type ProcessedFinal = EventPayloads[typeof Subject.VideoProcessedFinal];

const CHECK: Record<CheckStatus, CheckResult> = {
  pass: CheckResult.PASS,
  fail_suspected: CheckResult.FAIL_SUSPECTED,
  manual_review: CheckResult.MANUAL_REVIEW,
  unavailable: CheckResult.UNAVAILABLE,
};

/** Statuses in which a video waits for its verdict. */
const AWAITING_VERDICT: readonly VideoStatus[] = [VideoStatus.UPLOADED, VideoStatus.PROCESSING];

/**
 * Stores the orchestrator's verdict and evidence, and queues the donors' notice in the same
 * transaction. A video that already has a verdict (a second analysis of the same upload) is left
 * as it is: the first verdict stands and nobody is notified twice.
 */
async function onProcessedFinal(
  em: EntityManager,
  videos: VideoService,
  counted: VerdictCounter,
  event: ProcessedFinal,
): Promise<void> {
  const video = await em.findOne(Video, { id: event.videoId });
  // Unknown video or not yet marked uploaded: throw, so the event is retried (then dead-lettered).
  if (!video) throw new Error(`video ${event.videoId} not found`);
  if (!AWAITING_VERDICT.includes(video.status)) {
    if (video.status === VideoStatus.AWAITING_UPLOAD)
      throw new Error(`video ${event.videoId} has no recorded upload yet`);
    return;
  }
  const { scene, names } = event.checks;
  const stored = await videos.recordVerdict(em, event.videoId, {
    outcome: event.outcome,
    sceneCheck: CHECK[scene.status] ?? CheckResult.UNAVAILABLE,
    nameCheck: CHECK[names.status] ?? CheckResult.UNAVAILABLE,
    evidence: {
      scene: { status: scene.status, model: scene.model, version: scene.version, ...scene.evidence },
      names: { status: names.status, model: names.model, version: names.version, ...names.evidence },
      analyzedAt: event.analyzedAt,
    },
    modelVersion: event.model,
  });
  const access = await em.findOneOrFail(SacrificeAccess, { sacrificeId: stored.sacrificeId });
  notifyVerdict(em, stored, access);
  counted(access.siteId, stored.status);
}

/** Durable `video-processed-final`. */
export const verdictConsumer =
  (videos: VideoService, counted: VerdictCounter): ConsumerFactory =>
  (base) =>
    base.start({
      durable: 'video-processed-final',
      subjects: [Subject.VideoProcessedFinal],
      handler: (em, payload) => onProcessedFinal(em, videos, counted, payload),
    });
