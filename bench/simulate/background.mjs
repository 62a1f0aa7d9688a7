// What the charity's staff do all day apart from any one sacrifice: the organizer runs allocation
// every few seconds (paid shares get animals), and reviewers take flagged videos from the queue and
// approve them (the stand-in flags a clip only for review, never for a wrong name).
import { AllocateSharesDocument, ClaimReviewDocument, DecideVideoDocument } from '@qurbani/sdk';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function startStaffLoops(world, record, { allocateEveryMs = 2000 } = {}) {
  let running = true;
  const loops = [];
  loops.push(
    (async () => {
      while (running) {
        const t0 = performance.now();
        try {
          const r = await world.organizer.call(
            AllocateSharesDocument,
            { seasonId: world.seasonId },
            { deadlineMs: 30_000 },
          );
          if (r.allocateShares?.sharesAllocated) record('allocation run', performance.now() - t0);
        } catch {
          // A fault: the next run takes what this one left.
        }
        await sleep(allocateEveryMs);
      }
    })(),
  );
  for (const reviewer of world.reviewers)
    loops.push(
      (async () => {
        while (running) {
          try {
            const { claimReview } = await reviewer.call(ClaimReviewDocument, {}, { deadlineMs: 30_000 });
            if (!claimReview) {
              await sleep(1000);
              continue;
            }
            const t0 = performance.now();
            const r = await reviewer.call(
              DecideVideoDocument,
              { videoId: claimReview.id, decision: 'APPROVE' },
              { deadlineMs: 60_000 },
            );
            if (!r.errorCode) record('review decision', performance.now() - t0);
          } catch {
            await sleep(1000);
          }
        }
      })(),
    );
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}
