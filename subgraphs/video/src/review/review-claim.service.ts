import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, conflict, notFound } from '@qurbani/kit';
import { Video } from '../video/video.entity.js';
import { VideoStatus } from '../video/video.enums.js';

/**
 * The next flagged video for a reviewer: the one whose sacrifice window ends first (a rejection still
 * leaves time for a re-take), then the longest waiting. Never one the reviewer may not decide
 * (performed it, or has a share in it), never one another reviewer holds an unexpired claim on.
 * FOR UPDATE SKIP LOCKED: two reviewers claiming at the same moment take different videos.
 */
const NEXT_SQL = `
  select v.id from video v join sacrifice_access a on a.sacrifice_id = v.sacrifice_id
   where v.status = ? and (v.claimed_by is null or v.claim_expires_at <= ?)
     and (a.executor_id is null or a.executor_id <> ?::uuid) and not (a.donor_ids @> array[?]::text[])
   order by a.window_ends_at asc nulls last, v.flagged_at asc nulls last, v.id
   limit 1
   for update of v skip locked`;

export class ReviewClaimService {
  constructor(
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {}

  /** The reviewer's current claim, renewed; or the next video of the queue; or null when none is left. */
  claim(em: EntityManager, reviewerId: string): Promise<Video | null> {
    return em.transactional(async (tx) => {
      const now = this.now();
      const expiresAt = new Date(now.getTime() + this.leaseMs);
      const held = await tx.findOne(Video, {
        claimedBy: reviewerId,
        claimExpiresAt: { $gt: now },
        status: VideoStatus.FLAGGED,
      });
      if (held) {
        held.claimExpiresAt = expiresAt;
        return held;
      }
      const [next] = await tx.execute<{ id: string }[]>(NEXT_SQL, [VideoStatus.FLAGGED, now, reviewerId, reviewerId]);
      if (!next) return null;
      const video = await tx.findOneOrFail(Video, { id: next.id });
      Object.assign(video, { claimedBy: reviewerId, claimExpiresAt: expiresAt });
      return video;
    });
  }

  /** The reviewer hands a claimed video back to the queue at once. */
  async release(em: EntityManager, reviewerId: string, videoId: string): Promise<Video> {
    const id = assertId(videoId, 'videoId');
    const released = await em.nativeUpdate(
      Video,
      { id, claimedBy: reviewerId, status: VideoStatus.FLAGGED },
      { claimedBy: null, claimExpiresAt: null },
    );
    if (!released) {
      if (!(await em.count(Video, { id }))) throw notFound('Video', id);
      throw conflict('You do not hold a claim on this video.');
    }
    return em.findOneOrFail(Video, { id }, { refresh: true });
  }
}
