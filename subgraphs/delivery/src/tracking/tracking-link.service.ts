import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, notFound, signTrackingLink } from '@qurbani/kit';
import { Delivery } from '../delivery/delivery.entity.js';
import type { TrackingLink } from '../position/position.types.js';
import type { RevokedLinks } from './revoked-links.js';
import { TrackingLinkRecord } from './tracking-link.entity.js';

/** Tracking links for families: one delivery, expiring, revocable, verified by the gateway. */
export class TrackingLinkService {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly revoked: RevokedLinks,
    private readonly now: () => Date,
  ) {}

  async create(em: EntityManager, organizerId: string, deliveryId: string): Promise<TrackingLink> {
    const id = assertId(deliveryId, 'deliveryId');
    if (!(await em.count(Delivery, { id }))) throw notFound('Delivery', deliveryId);
    const { token, expiresAt, linkId } = signTrackingLink(id, this.secret, this.ttlSeconds);
    em.create(TrackingLinkRecord, { id: linkId, deliveryId: id, createdBy: organizerId, expiresAt });
    await em.flush();
    return { deliveryId: id, linkId, token, expiresAt };
  }

  /**
   * Revokes the delivery's unexpired links (or only `linkId`); returns how many. Redis first: if
   * the database write then fails, the links are already refused at the gateway (fail closed), and
   * a retry finds them again.
   */
  async revoke(em: EntityManager, deliveryId: string, linkId?: string | null): Promise<number> {
    const id = assertId(deliveryId, 'deliveryId');
    if (!(await em.count(Delivery, { id }))) throw notFound('Delivery', deliveryId);
    const links = await em.find(TrackingLinkRecord, {
      deliveryId: id,
      revokedAt: null,
      expiresAt: { $gt: this.now() },
      ...(linkId ? { id: assertId(linkId, 'linkId') } : {}),
    });
    await this.revoked.revoke(links);
    const at = this.now();
    for (const link of links) link.revokedAt = at;
    await em.flush();
    return links.length;
  }
}
