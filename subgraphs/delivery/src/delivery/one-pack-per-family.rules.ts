import { conflict } from '@qurbani/kit';

/**
 * PRODUCT rule "Meat": one pack per family, whatever its size, per season (the Hijri year,
 * `campaign.ts`); families are served by priority, lower first. The database holds the "one per
 * family" line too (`delivery_recipient_campaign_uniq`, unique `pack_id`), so two organizers
 * pairing at once cannot break it.
 */

const ONE_PER_FAMILY = 'This family already has a delivery this season: one pack per family.';

/** Order in which families without a pack this season are served: priority, then oldest record. */
export const FAMILY_SERVICE_ORDER = { priority: 'asc', id: 'asc' } as const;

/** Refuses a second pack for a family that already has a delivery this season. */
export function assertNoPackThisSeason(deliveriesThisSeason: number): void {
  if (deliveriesThisSeason > 0) throw conflict(ONE_PER_FAMILY);
}

/**
 * Pairs waiting packs (oldest first) with families in service order, one pack each: the first
 * family gets the first pack; families beyond the packs wait, packs beyond the families stay.
 */
export function onePackEach<P, F>(packs: readonly P[], families: readonly F[]): [P, F][] {
  return packs.slice(0, families.length).map((pack, i) => [pack, families[i]!]);
}
