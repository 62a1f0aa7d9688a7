import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, audit, notFound, signTrackingLink, type AuditActor } from '@qurbani/kit';
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

  async create(em: EntityManager, actor: AuditActor, deliveryId: string): Promise<TrackingLink> {
    const id = assertId(deliveryId, 'deliveryId');
    if (!(await em.count(Delivery, { id }))) throw notFound('Delivery', deliveryId);
    const { token, expiresAt, linkId } = signTrackingLink(id, this.secret, this.ttlSeconds);
    await em.transactional(async (tx) => {
      tx.create(TrackingLinkRecord, { id: linkId, deliveryId: id, createdBy: actor.viewer!.id, expiresAt });
      await tx.flush();
      // The link id, never the token.
      await audit(tx, 'delivery', actor, {
        action: 'tracking-link.created',
        entityType: 'TrackingLink',
        entityIds: [linkId, id],
        after: { expiresAt: expiresAt.toISOString() },
      });
    });
    return { deliveryId: id, linkId, token, expiresAt };
  }

  /**
   * Revokes the delivery's unexpired links (or only `linkId`); returns how many. Redis first: if
   * the database write then fails, the links are already refused at the gateway (fail closed), and
   * a retry finds them again.
   */
  async revoke(em: EntityManager, actor: AuditActor, deliveryId: string, linkId?: string | null): Promise<number> {
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
    await em.transactional(async (tx) => {
      for (const link of links) tx.assign(link, { revokedAt: at });
      await tx.flush();
      await audit(tx, 'delivery', actor, {
        action: 'tracking-link.revoked',
        entityType: 'TrackingLink',
        entityIds: [...links.map((l) => l.id), id],
        after: { revoked: links.length },
      });
    });
    return links.length;
  }
}
