import type { Redis } from 'ioredis';

/** Sign-ins ended by sign-out or refresh-token reuse; written by the identity subgraph. */
export class RevokedSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}revoked-session:${sessionId}`)) === 1;
  }
}
