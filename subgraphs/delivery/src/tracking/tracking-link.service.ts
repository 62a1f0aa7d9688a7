import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, notFound, signTrackingLink } from '@qurbani/kit';
import { Delivery } from '../delivery/delivery.entity.js';
import type { TrackingLink } from '../position/position.types.js';

/** Tracking links for families: one delivery, expiring, verified by the gateway. */
export class TrackingLinkService {
  constructor(private readonly secret: string, private readonly ttlSeconds: number) {}

  async create(em: EntityManager, deliveryId: string): Promise<TrackingLink> {
    const id = assertId(deliveryId, 'deliveryId');
    if (!(await em.count(Delivery, { id }))) throw notFound('Delivery', deliveryId);
    const { token, expiresAt } = signTrackingLink(id, this.secret, this.ttlSeconds);
    return { deliveryId: id, token, expiresAt };
  }
}
