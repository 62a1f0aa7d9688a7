/**
 * The URLs of one service's replicas (a subgraph's, the model service's), taken in turn. A replica
 * that refused a connection sits out for `pauseMs` (the others take its share) unless every replica did.
 */
export class Replicas {
  private turn = 0;
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    readonly urls: readonly string[],
    private readonly pauseMs = 2000,
  ) {
    if (urls.length === 0) throw new Error('a service needs at least one URL');
  }

  /** The replica for the next request. */
  next(): string {
    return this.order()[0]!;
  }

  /** Every replica, in the order one request should try them: the next in turn first, those that refused last. */
  order(): readonly string[] {
    // Most services run one replica: nothing to turn or set aside, and no arrays made per call.
    if (this.urls.length === 1) return this.urls;
    const start = this.turn++ % this.urls.length;
    const turn = [...this.urls.slice(start), ...this.urls.slice(0, start)];
    const now = Date.now();
    const up = turn.filter((url) => (this.refusedUntil.get(url) ?? 0) <= now);
    return [...up, ...turn.filter((url) => !up.includes(url))];
  }

  refused(url: string): void {
    this.refusedUntil.set(url, Date.now() + this.pauseMs);
  }

  answered(url: string): void {
    this.refusedUntil.delete(url);
  }
}
