import type { EntityManager } from '@mikro-orm/postgresql';
import { isSpecies, type EventPayload, type Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';

/** Keeps the newest price of each site and species; a replayed or late older event changes nothing. */
export async function onPriceSet(em: EntityManager, payload: EventPayload<typeof Subject.PriceSet>): Promise<void> {
  if (!isSpecies(payload.species)) throw new Error(`sacrifice.price-set with unknown species ${payload.species}`);
  await em.execute(
    `insert into site_price (site_id, species, season_id, amount_minor, currency, version) values (?, ?, ?, ?, ?, ?)
     on conflict (site_id, species) do update set season_id = excluded.season_id, amount_minor = excluded.amount_minor,
       currency = excluded.currency, version = excluded.version
     where site_price.version < excluded.version`,
    [
      assertId(payload.siteId, 'siteId'),
      payload.species,
      assertId(payload.seasonId, 'seasonId'),
      payload.amountMinor,
      payload.currency,
      payload.version,
    ],
  );
}
