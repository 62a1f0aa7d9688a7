import type { Viewer } from '@qurbani/kit';
import type { RevokedSessions } from '../auth/revoked-sessions.js';

/** What a subscriber whose sign-in or tracking link was revoked is told. */
export const endedMessage = (viewer: Viewer) =>
  viewer.trackingDeliveryId
    ? 'This tracking link was revoked; ask the charity for a new one.'
    : 'This sign-in has ended; sign in again.';

/**
 * Revocation checks for live subscribers: every event re-checks its subscribers' sign-ins (and
 * tracking links, `link:<jti>`, which organizers revoke in the delivery subgraph) against
 * an answer at most `ttlMs` old (a signed-out session stops receiving within 250 ms by default), so
 * a stream of positions costs one Redis lookup per session per quarter second, not one per event;
 * concurrent checks of the same session share one lookup.
 */
export class RevocationCache {
  private readonly known = new Map<string, { revoked: boolean; at: number } | Promise<boolean>>();

  constructor(
    private readonly sessions: RevokedSessions,
    private readonly ttlMs = 250,
    private readonly now = () => Date.now(),
  ) {}

  async isRevoked(sessionId: string): Promise<boolean> {
    const entry = this.known.get(sessionId);
    if (entry instanceof Promise) return entry;
    if (entry && this.now() - entry.at < this.ttlMs) return entry.revoked;
    const lookup = this.sessions.isRevoked(sessionId).then(
      (revoked) => {
        // Revocation is final: keep it; a live session is looked up again after the TTL.
        this.known.set(sessionId, { revoked, at: revoked ? Number.POSITIVE_INFINITY : this.now() });
        return revoked;
      },
      (error) => {
        this.known.delete(sessionId);
        throw error;
      },
    );
    this.known.set(sessionId, lookup);
    if (this.known.size > 100_000) this.sweep();
    return lookup;
  }

  /** Revocations announced as they happen: final, so kept without a lookup. */
  remember(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.known.set(id, { revoked: true, at: Number.POSITIVE_INFINITY });
  }

  private sweep(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [id, entry] of this.known) if (!(entry instanceof Promise) && entry.at < cutoff) this.known.delete(id);
  }
}
