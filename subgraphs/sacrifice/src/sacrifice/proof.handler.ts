import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VideoOutcome, type EventPayloads, type Subject } from '@qurbani/events';
import { SacrificeStatus } from './sacrifice-status.js';
import { emitStatusChanged } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';

type ProcessedFinal = EventPayloads[typeof Subject.VideoProcessedFinal];
type Reviewed = EventPayloads[typeof Subject.VideoReviewed];

/** Statuses a proof outcome moves a sacrifice out of; before PERFORMED it waits in `proofOutcome`. */
const DECIDABLE: readonly SacrificeStatus[] = [SacrificeStatus.PERFORMED, SacrificeStatus.FLAGGED];

/**
 * Applies the stored proof outcome when the sacrifice can take it. VERIFIED is final: a late
 * FLAGGED verdict of an older attempt, or a repeated event, changes nothing.
 */
export function applyProofOutcome(em: EntityManager, s: Sacrifice, at: Date): void {
  const target = s.proofOutcome;
  if (!target || !DECIDABLE.includes(s.status) || s.status === target) return;
  s.status = target;
  emitStatusChanged(em, s, at);
}

async function record(
  em: EntityManager,
  sacrificeId: string,
  videoId: string,
  outcome: SacrificeStatus,
  at: Date,
): Promise<void> {
  const s = await em.findOne(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  // Unknown sacrifice: throw, so the event is retried and finally dead-lettered where a person sees it.
  if (!s) throw new Error(`sacrifice ${sacrificeId} not found for video ${videoId}`);
  if (s.proofOutcome === SacrificeStatus.VERIFIED || s.status === SacrificeStatus.VERIFIED) return;
  s.proofOutcome = outcome;
  s.proofVideoId = videoId;
  applyProofOutcome(em, s, at);
  await em.flush();
}

/** `video.processed-final`: VALIDATED verifies the sacrifice, FLAGGED flags it for a reviewer. */
export function onProcessedFinal(em: EntityManager, event: ProcessedFinal, now: () => Date): Promise<void> {
  const outcome = event.outcome === VideoOutcome.VALIDATED ? SacrificeStatus.VERIFIED : SacrificeStatus.FLAGGED;
  return record(em, event.sacrificeId, event.videoId, outcome, now());
}

/** `video.reviewed`: an approval verifies; a rejection leaves it flagged until a re-take is checked. */
export async function onVideoReviewed(em: EntityManager, event: Reviewed, now: () => Date): Promise<void> {
  if (event.decision !== 'APPROVE') return;
  await record(em, event.sacrificeId, event.videoId, SacrificeStatus.VERIFIED, now());
}
