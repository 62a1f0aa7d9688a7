/**
 * Which time a sacrifice is recorded at. The server's clock is the truth: a phone's clock is set by
 * whoever holds it, so a client `performedAt` is only accepted close to the server's time — up to
 * 5 minutes behind (an executor in the field who lost signal for a moment records the moment of the
 * cut, not of the sync) and up to a minute ahead (drift; recorded as "now", never in the future).
 * Anything further back could backdate a late sacrifice into the window, so it is refused; an
 * executor offline for longer records without `performedAt` once back, at the server's time. The
 * cost, accepted: a sacrifice done just before sunset and synced more than 5 minutes after it is
 * outside the window.
 */
export const MAX_CLIENT_LAG_MS = 5 * 60_000;
const MAX_CLIENT_LEAD_MS = 60_000;

export type PerformedAt =
  | { ok: true; at: Date }
  /** FUTURE: ahead of the server's clock by more than the drift allowed; TOO_OLD: behind by more than the lag allowed. */
  | { ok: false; problem: 'FUTURE' | 'TOO_OLD'; claimed: Date };

export function performedAtOf(claimed: Date | undefined, now: Date): PerformedAt {
  if (!claimed) return { ok: true, at: now };
  const lead = claimed.getTime() - now.getTime();
  if (lead > MAX_CLIENT_LEAD_MS) return { ok: false, problem: 'FUTURE', claimed };
  if (-lead > MAX_CLIENT_LAG_MS) return { ok: false, problem: 'TOO_OLD', claimed };
  return { ok: true, at: lead > 0 ? now : claimed };
}
