import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, isTrackingLink, Role, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import { linkOpens } from '../tracking/tracking-link.policy.js';
import type { MeatPack } from './meat-pack.entity.js';

/**
 * Who sees a meat pack, by whatever path (`_entities`, `Delivery.packs`, `Sacrifice.meatPacks`):
 * organizers all; a donor the packs of their sacrifice; a driver the packs they carry; a tracking
 * link the pack of its delivery. `Sacrifice.meatPacks` is resolved here without the sacrifice
 * subgraph, so this filter, not the sacrifice's owner, is what guards it.
 */
export function meatPackFilter(viewer: Viewer | null): FilterQuery<MeatPack> {
  if (isOrganizer(viewer)) return {};
  if (isTrackingLink(viewer)) {
    return linkOpens(viewer!, (a) => `select vd.id from delivery vd where vd.pack_id = ${a}.id`);
  }
  const mine: FilterQuery<MeatPack>[] = [];
  if (hasRole(viewer, Role.DONOR)) {
    mine.push({
      [raw(
        (a) =>
          `exists (select 1 from allocated_sacrifice vs where vs.sacrifice_id = ${a}.sacrifice_id and vs.donor_ids @> array[?]::text[])`,
        [viewer!.id],
      )]: [],
    });
  }
  if (hasRole(viewer, Role.DRIVER)) {
    mine.push({
      [raw((a) => `exists (select 1 from delivery vd where vd.pack_id = ${a}.id and vd.driver_id = ?)`, [viewer!.id])]:
        [],
    });
  }
  return mine.length ? { $or: mine } : NO_ROWS;
}
