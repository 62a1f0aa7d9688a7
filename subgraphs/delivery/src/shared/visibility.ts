import { raw, type FilterQuery } from '@mikro-orm/core';
import { isOrganizer, type Viewer } from '@qurbani/kit';
import type { Delivery } from '../delivery/delivery.entity.js';
import type { MeatPack } from '../pack/meat-pack.entity.js';
import type { Recipient } from '../recipient/recipient.entity.js';
import type { Route } from '../route/route.entity.js';

/*
 * Who may reach a row from a root field or a `_entities` call: organizers see everything, a driver
 * what they were assigned, a donor what their sacrifice produced, a family's tracking link its one
 * delivery (and that delivery's pack and recipient). Each rule is a SQL condition, so loading and
 * authorizing a batch stays one query.
 */

const NOTHING = { id: null } as const;

/** `packIdSql` is a pack id column; the one `?` is the donor's account id. */
const donorOfPack = (packIdSql: string) =>
  `exists (select 1 from meat_pack vp join allocated_sacrifice vs on vs.sacrifice_id = vp.sacrifice_id
   where vp.id = ${packIdSql} and vs.donor_ids @> array[?]::text[])`;

export function visibleDeliveries(viewer: Viewer | null): FilterQuery<Delivery> {
  if (isOrganizer(viewer)) return {};
  if (!viewer) return NOTHING;
  if (viewer.trackingDeliveryId) return { id: viewer.trackingDeliveryId };
  return { $or: [{ driverId: viewer.id }, { [raw((a) => donorOfPack(`${a}.pack_id`), [viewer.id])]: [] }] };
}

export function visiblePacks(viewer: Viewer | null): FilterQuery<MeatPack> {
  if (isOrganizer(viewer)) return {};
  if (!viewer) return NOTHING;
  if (viewer.trackingDeliveryId) {
    return { [raw((a) => `exists (select 1 from delivery vd where vd.pack_id = ${a}.id and vd.id = ?)`, [viewer.trackingDeliveryId])]: [] };
  }
  const donorOfSacrifice = (a: string) =>
    `exists (select 1 from allocated_sacrifice vs where vs.sacrifice_id = ${a}.sacrifice_id and vs.donor_ids @> array[?]::text[])`;
  const driverOfPack = (a: string) => `exists (select 1 from delivery vd where vd.pack_id = ${a}.id and vd.driver_id = ?)`;
  return { $or: [{ [raw(donorOfSacrifice, [viewer.id])]: [] }, { [raw(driverOfPack, [viewer.id])]: [] }] };
}

export function visibleRecipients(viewer: Viewer | null): FilterQuery<Recipient> {
  if (isOrganizer(viewer)) return {};
  if (!viewer) return NOTHING;
  if (viewer.trackingDeliveryId) {
    return { [raw((a) => `exists (select 1 from delivery vd where vd.recipient_id = ${a}.id and vd.id = ?)`, [viewer.trackingDeliveryId])]: [] };
  }
  const servedBy = (a: string) =>
    `exists (select 1 from delivery vd where vd.recipient_id = ${a}.id and (vd.driver_id = ? or ${donorOfPack('vd.pack_id')}))`;
  return { [raw(servedBy, [viewer.id, viewer.id])]: [] };
}

export function visibleRoutes(viewer: Viewer | null): FilterQuery<Route> {
  if (isOrganizer(viewer)) return {};
  if (!viewer || viewer.trackingDeliveryId) return NOTHING;
  return { driverId: viewer.id };
}
