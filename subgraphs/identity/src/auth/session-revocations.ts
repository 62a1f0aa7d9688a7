import type { Redis } from 'ioredis';

/**
 * Signed-out or compromised sign-ins, shared with the gateway through Redis. Kept only as long as
 * an access token of that sign-in could still be valid.
 */
export class SessionRevocations {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlSeconds: number) {}

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(`${this.prefix}revoked-session:${sessionId}`, '1', 'EX', this.ttlSeconds);
  }
}
