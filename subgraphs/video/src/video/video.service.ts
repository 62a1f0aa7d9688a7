import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, REVIEW_QUEUE_TOPIC, Subject } from '@qurbani/events';
import {
  audit,
  type AuditActor,
  badInput,
  conflict,
  findPage,
  forbidden,
  notFound,
  type PageArgs,
  pageWindow,
  toConnection,
} from '@qurbani/kit';
import { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import type { ProofCheck } from '../calibration/proof-check.js';
import { proofScores } from '../calibration/proof-scores.js';
import { ReviewDecision } from './review-decision.entity.js';
import { storedVerdict, type Verdict } from './verdict.js';
import { RETAKE_STATUSES, ReviewOutcome, SETTLED_STATUSES, VideoStatus } from './video.enums.js';
import { Video } from './video.entity.js';
import { notifyDecision } from './video.notifications.js';
import { assertMayDecide } from './video.policy.js';

const BUSY: Partial<Record<VideoStatus, string>> = {
  [VideoStatus.FLAGGED]: 'The current video waits for a reviewer.',
  [VideoStatus.VALIDATED]: 'This sacrifice already has a validated video.',
  [VideoStatus.APPROVED]: 'This sacrifice already has an approved video.',
};

export class VideoService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The assigned executor opens the next attempt; only after a rejected or failed one may there be another. */
  async requestUpload(em: EntityManager, executorId: string, sacrificeId: string): Promise<Video> {
    const access = await em.findOne(SacrificeAccess, { sacrificeId });
    if (!access) throw notFound('Sacrifice', sacrificeId);
    if (access.executorId !== executorId) throw forbidden('This sacrifice is not assigned to you.');
    const latest = await em.findOne(Video, { access }, { orderBy: { attempt: 'desc' } });
    if (latest && !RETAKE_STATUSES.includes(latest.status)) {
      throw conflict(
        BUSY[latest.status as VideoStatus] ?? 'A video of this sacrifice is already being uploaded or processed.',
      );
    }
    const at = this.now();
    const video = em.create(Video, { access, attempt: (latest?.attempt ?? 0) + 1, createdAt: at, updatedAt: at });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('Another upload of this sacrifice was just requested.');
      throw error;
    }
    return video;
  }

  /** A reviewer approves or rejects a flagged video; of two concurrent decisions the second gets CONFLICT. */
  async decide(
    em: EntityManager,
    actor: AuditActor,
    reviewerId: string,
    input: { videoId: string; decision: ReviewOutcome; reason?: string | null; failedChecks?: ProofCheck[] | null },
  ): Promise<Video> {
    const reason = input.reason?.trim() || null;
    const failedChecks = input.failedChecks?.length ? [...new Set(input.failedChecks)] : null;
    if (failedChecks && input.decision !== ReviewOutcome.REJECT)
      throw badInput('Only a rejection names the checks that were wrong.', 'failedChecks');
    if (input.decision === ReviewOutcome.REJECT && (!reason || reason.length < 3 || reason.length > 500)) {
      throw badInput('A rejection needs a reason of 3 to 500 characters.', 'reason');
    }
    if (reason && reason.length > 500) throw badInput('The reason may have at most 500 characters.', 'reason');
    return em.transactional(async (tx) => {
      // The row lock makes the second reviewer wait, then see the first one's decision.
      const video = await tx.findOne(Video, { id: input.videoId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!video) throw notFound('Video', input.videoId);
      if (video.status !== VideoStatus.FLAGGED)
        throw conflict(`This video is ${video.status}; only flagged videos can be decided.`);
      const access = await tx.findOneOrFail(SacrificeAccess, { sacrificeId: video.sacrificeId });
      assertMayDecide(reviewerId, access);
      const at = this.now();
      if (video.claimedBy && video.claimedBy !== reviewerId && video.claimExpiresAt && video.claimExpiresAt > at)
        throw conflict('Another reviewer has claimed this video; claim the next one with claimReview.');
      Object.assign(video, { claimedBy: null, claimExpiresAt: null });
      video.status = input.decision === ReviewOutcome.APPROVE ? VideoStatus.APPROVED : VideoStatus.REJECTED;
      video.updatedAt = at;
      tx.create(ReviewDecision, {
        video,
        reviewerId,
        decision: input.decision,
        reason,
        failedChecks,
        scores: proofScores({
          siteId: access.siteId,
          sceneCheck: video.sceneCheck,
          nameCheck: video.nameCheck,
          evidence: video.evidence,
          modelVersion: video.modelVersion,
        }),
        decidedAt: at,
      });
      notifyDecision(tx, video, access, input.decision, reason);
      enqueueLive(tx, LiveKind.Video, video.id, { status: video.status });
      // The sacrifice subgraph verifies the sacrifice on an approval.
      enqueue(tx, Subject.VideoReviewed, {
        videoId: video.id,
        sacrificeId: access.sacrificeId,
        decision: input.decision,
        decidedAt: at.toISOString(),
      });
      await tx.flush();
      await audit(tx, 'video', actor, {
        action: 'video.reviewed',
        entityType: 'Video',
        entityIds: [video.id, access.sacrificeId],
        before: { status: VideoStatus.FLAGGED },
        after: { status: video.status, decision: input.decision, failedChecks },
      });
      return video;
    });
  }

  /** The upload step stored the file (called by the pipeline issue's upload endpoint). */
  async recordUpload(
    em: EntityManager,
    videoId: string,
    file: { storageKey: string; durationSeconds?: number | null },
  ): Promise<Video> {
    return this.transition(em, videoId, [VideoStatus.AWAITING_UPLOAD], (video) => {
      video.status = VideoStatus.UPLOADED;
      video.storageKey = file.storageKey;
      video.durationSeconds = file.durationSeconds ?? null;
    });
  }

  /** Stores the AI verdict with the outcome the orchestrator decided: VALIDATED, or FLAGGED for a reviewer. */
  async recordVerdict(em: EntityManager, videoId: string, verdict: Verdict): Promise<Video> {
    const outcome = storedVerdict(verdict);
    return this.transition(em, videoId, [VideoStatus.UPLOADED, VideoStatus.PROCESSING], (video) => {
      Object.assign(video, outcome, {
        sceneCheck: verdict.sceneCheck,
        nameCheck: verdict.nameCheck,
        evidence: verdict.evidence ?? null,
      });
      if (verdict.modelVersion !== undefined) video.modelVersion = verdict.modelVersion;
      if (verdict.blurredStorageKey !== undefined) video.blurredStorageKey = verdict.blurredStorageKey;
      if (verdict.durationSeconds !== undefined) video.durationSeconds = verdict.durationSeconds;
      if (video.status === VideoStatus.FLAGGED) video.flaggedAt = this.now();
    });
  }

  async reviewQueue(em: EntityManager, page: PageArgs) {
    return findPage(em, Video, { status: VideoStatus.FLAGGED }, page, { withTotal: true });
  }

  /** Sacrifices assigned to the executor that still lack a validated or approved video. */
  async tasksOf(em: EntityManager, executorId: string, page: PageArgs) {
    const { limit, afterId } = pageWindow(page);
    const qb = em
      .createQueryBuilder(SacrificeAccess, 'a')
      .where({ executorId })
      .andWhere('not exists (select 1 from video v where v.sacrifice_id = a.sacrifice_id and v.status in (?))', [
        [...SETTLED_STATUSES],
      ])
      .orderBy({ sacrificeId: 'asc' })
      .limit(limit + 1);
    if (afterId) qb.andWhere({ sacrificeId: { $gt: afterId } });
    const rows = await qb.getResultList();
    return toConnection(
      rows.map((a) => ({ id: a.sacrificeId, sacrifice: { id: a.sacrificeId } })),
      page,
    );
  }

  private transition(
    em: EntityManager,
    videoId: string,
    from: VideoStatus[],
    change: (video: Video) => void,
  ): Promise<Video> {
    return em.transactional(async (tx) => {
      const video = await tx.findOne(Video, { id: videoId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!video) throw notFound('Video', videoId);
      if (!from.includes(video.status)) throw conflict(`This video is ${video.status}; expected ${from.join(' or ')}.`);
      change(video);
      video.updatedAt = this.now();
      enqueueLive(tx, LiveKind.Video, video.id, { status: video.status });
      // Reviewers following the queue (`reviewWorkAdded`) hear of new work once it commits.
      if (video.status === VideoStatus.FLAGGED)
        enqueueLive(tx, LiveKind.Review, REVIEW_QUEUE_TOPIC, { videoId: video.id });
      return video;
    });
  }
}
