import type { CancelDecision, CancelRefusal } from '@qurbani/events';

/**
 * Cancellation, the charity's side: a donor's order is cancelled only while none of its shares
 * stands on an animal; a partly allocated order is not split. (The donor subgraph decides who may
 * ask: `cancellation-request.rules.ts`.) Called with the order's shares locked against allocation.
 */
export function cancellationDecision(shares: readonly { sacrificeId: string | null }[]): {
  decision: CancelDecision;
  reason?: CancelRefusal;
} {
  return shares.some((s) => s.sacrificeId !== null)
    ? { decision: 'REFUSED', reason: 'ALREADY_ALLOCATED' }
    : { decision: 'CONFIRMED' };
}
