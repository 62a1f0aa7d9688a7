import { raw, type FilterQuery } from '@mikro-orm/core';
import { forbidden, hasRole, Role, type Viewer } from '@qurbani/kit';
import type { SacrificeAccess } from '../access/sacrifice-access.entity.js';
import type { ReviewDecision } from './review-decision.entity.js';
import type { Video } from './video.entity.js';

/*
 * Who sees which proof video, by whatever path (`video(id)`, `_entities`, `Sacrifice.video(s)`,
 * `VideoTask.video`): reviewers and organizers all; the sacrifice's donors and its assigned
 * executor theirs (owner ids copied from `sacrifice.allocated`/`sacrifice.assigned` into
 * `sacrifice_access`). Drivers and tracking links none.
 */

const SEE_ALL = [Role.REVIEWER, Role.ORGANIZER];

/** SQL (`?`s bound by the caller) on a `sacrifice_access` row `va`: the viewer's own sacrifice. */
function ownAccess(viewer: Viewer | null): [string, string[]] | null {
  const clauses: string[] = [];
  const params: string[] = [];
  if (hasRole(viewer, Role.EXECUTOR)) {
    clauses.push('va.executor_id = ?');
    params.push(viewer!.id);
  }
  if (hasRole(viewer, Role.DONOR)) {
    clauses.push('va.donor_ids @> array[?]::text[]');
    params.push(viewer!.id);
  }
  return clauses.length ? [clauses.join(' or '), params] : null;
}

/** Rows whose `sacrificeIdSql(alias)` names a sacrifice the viewer may see the videos of. */
function throughAccess<T>(viewer: Viewer | null, sacrificeIdSql: (alias: string) => string): FilterQuery<T> {
  if (hasRole(viewer, ...SEE_ALL)) return {};
  const own = ownAccess(viewer);
  if (!own) return { [raw(() => 'false')]: [] } as FilterQuery<T>;
  return {
    [raw(
      (a) => `exists (select 1 from sacrifice_access va where va.sacrifice_id = ${sacrificeIdSql(a)} and (${own[0]}))`,
      own[1],
    )]: [],
  } as FilterQuery<T>;
}

export const videoFilter = (viewer: Viewer | null): FilterQuery<Video> =>
  throughAccess<Video>(viewer, (a) => `${a}.sacrifice_id`);

/** Decisions on a video: whoever sees the video. */
export const reviewDecisionFilter = (viewer: Viewer | null): FilterQuery<ReviewDecision> =>
  throughAccess<ReviewDecision>(viewer, (a) => `(select v.sacrifice_id from video v where v.id = ${a}.video_id)`);

/** Owner rows themselves (playback checks them whatever path led to the video). */
export const sacrificeAccessFilter = (viewer: Viewer | null): FilterQuery<SacrificeAccess> =>
  throughAccess<SacrificeAccess>(viewer, (a) => `${a}.sacrifice_id`);

/** The AI's evidence (frames, transcripts, scores) is for the people who judge it. */
export const canSeeEvidence = (viewer: Viewer | null) => hasRole(viewer, ...SEE_ALL);

/** Donors watch the blurred rendition by default; the unblurred original is for staff. */
export const canSeeOriginal = (viewer: Viewer | null) => hasRole(viewer, Role.EXECUTOR, Role.REVIEWER, Role.ORGANIZER);

/**
 * Separation of duties: a reviewer never decides on the video of a sacrifice they performed (the
 * assigned executor), nor of one they have a share in. Throws FORBIDDEN with the reason.
 */
export function assertMayDecide(reviewerId: string, access: SacrificeAccess): void {
  if (access.executorId === reviewerId) {
    throw forbidden(
      'You performed this sacrifice, so another reviewer must decide on its video (separation of duties).',
    );
  }
  if (access.donorIds.includes(reviewerId)) {
    throw forbidden(
      'You have a share in this sacrifice, so another reviewer must decide on its video (separation of duties).',
    );
  }
}
