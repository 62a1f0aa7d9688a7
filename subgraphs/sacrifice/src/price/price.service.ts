import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject } from '@qurbani/events';
import { assertId, audit, conflict, notFound, type AuditActor, type Viewer } from '@qurbani/kit';
import { Site } from '../site/site.entity.js';
import type { SetSharePriceInput } from './price.inputs.js';
import { priceFilter } from './price.policy.js';
import { validSharePrice } from './price.rules.js';
import { SharePrice } from './share-price.entity.js';

export class PriceService {
  /**
   * Sets (or changes) the price of a share of one species at one site and announces it with
   * `sacrifice.price-set`, in the same transaction: the donor subgraph prices orders from its copy.
   * The site row is locked so two organizers cannot give one site two currencies.
   */
  set(em: EntityManager, input: SetSharePriceInput, actor: AuditActor): Promise<SharePrice> {
    const siteId = assertId(input.siteId, 'siteId');
    return em.fork().transactional(async (tx) => {
      const site = await tx.findOne(Site, { id: siteId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!site) throw notFound('Site', siteId);
      if (site.archivedAt) throw conflict('This site is archived; restore it before pricing its shares.');
      const others = await tx.find(SharePrice, { siteId, species: { $ne: input.species } }, { limit: 1 });
      const money = validSharePrice(input.amountMinor, input.currency, others[0]?.currency ?? null);
      let price = await tx.findOne(SharePrice, { siteId, species: input.species });
      const before = price && { amountMinor: price.amountMinor, currency: price.currency, version: price.version };
      if (price) {
        price.amountMinor = money.amountMinor;
        price.currency = money.currency;
        price.version += 1;
        price.updatedAt = new Date();
      } else {
        price = tx.create(SharePrice, { seasonId: site.seasonId, siteId, species: input.species, ...money });
      }
      enqueue(tx, Subject.PriceSet, {
        siteId,
        seasonId: site.seasonId,
        species: price.species,
        amountMinor: price.amountMinor,
        currency: price.currency,
        version: price.version,
      });
      await tx.flush();
      await audit(tx, 'sacrifice', actor, {
        action: 'price.set',
        entityType: 'SharePrice',
        entityIds: [price.id, siteId],
        before,
        after: {
          species: price.species,
          amountMinor: price.amountMinor,
          currency: price.currency,
          version: price.version,
        },
      });
      return price;
    });
  }

  /** A season's price list (or every season's), by site then species. */
  list(em: EntityManager, viewer: Viewer | null, seasonId: string | undefined): Promise<SharePrice[]> {
    const where = seasonId ? { seasonId: assertId(seasonId, 'seasonId') } : {};
    return em.find(SharePrice, { $and: [where, priceFilter(viewer)] }, { orderBy: { siteId: 'asc', species: 'asc' } });
  }
}
