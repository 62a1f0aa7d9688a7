import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A provider's send rate as a token bucket: `take` waits for a token. A 429 (or an SMSC's throttle)
 * pauses the whole bucket for as long as the provider asked, so no other send hits it meanwhile.
 * Per process: with several replicas, give each its share of the provider's limit.
 */
export class RateLimit {
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst = Math.max(1, Math.ceil(perSecond)),
  ) {
    this.tokens = this.burst;
  }

  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}
