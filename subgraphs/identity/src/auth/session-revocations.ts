import { revokedSessionKey, revokedSessionsChannel } from '@qurbani/kit';
import type { Redis } from 'ioredis';

/**
 * Signed-out or compromised sign-ins, shared with the gateway through Redis. Kept only as long as
 * an access token of that sign-in could still be valid.
 */
export class SessionRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.revokeAll([sessionId]);
  }

  /** Every sign-in of an account at once (disableAccount), in one round trip. */
  async revokeAll(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const batch = this.redis.multi();
    for (const id of sessionIds) batch.set(revokedSessionKey(this.prefix, id), '1', 'EX', this.ttlSeconds);
    batch.publish(revokedSessionsChannel(this.prefix), JSON.stringify(sessionIds));
    const results = await batch.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('the session revocations were not written');
  }
}
