import { revokedSessionKey, revokedSessionsChannel } from '@qurbani/kit';
import type { Redis } from 'ioredis';

/** Sign-ins ended by sign-out, refresh-token reuse or a disabled account (identity), and revoked tracking links (delivery). */
export class RevokedSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(revokedSessionKey(this.prefix, sessionId))) === 1;
  }

  /**
   * Calls `listener` with the ids of each revocation as it is made, on a second connection (a
   * subscribed Redis connection can do nothing else); returns the stopper.
   */
  async follow(listener: (sessionIds: string[]) => void): Promise<() => void> {
    const subscriber = this.redis.duplicate({ enableAutoPipelining: false });
    subscriber.on('message', (_channel, message: string) => {
      let ids: unknown;
      try {
        ids = JSON.parse(message);
      } catch {
        return;
      }
      if (Array.isArray(ids)) listener(ids.filter((id): id is string => typeof id === 'string'));
    });
    await subscriber.subscribe(revokedSessionsChannel(this.prefix));
    return () => subscriber.disconnect();
  }
}
