import { revokedSessionKey, revokedSessionsChannel } from '@qurbani/kit';
import type { Redis } from 'ioredis';

/**
 * Tells the gateway that tracking links are revoked, through the same Redis keys as ended sign-ins
 * (`link:<jti>`): it checks them on each live operation and each live event, so a family's open
 * subscription ends at once. Each key lives until its link would have expired anyway.
 */
export class RevokedLinks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date,
  ) {}

  async revoke(links: { id: string; expiresAt: Date }[]): Promise<void> {
    if (links.length === 0) return;
    const multi = this.redis.multi();
    for (const link of links) {
      const ttl = Math.max(1, Math.ceil((link.expiresAt.getTime() - this.now().getTime()) / 1000));
      multi.set(revokedSessionKey(this.prefix, `link:${link.id}`), '1', 'EX', ttl);
    }
    multi.publish(revokedSessionsChannel(this.prefix), JSON.stringify(links.map((link) => `link:${link.id}`)));
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('could not record revoked tracking links');
  }
}
