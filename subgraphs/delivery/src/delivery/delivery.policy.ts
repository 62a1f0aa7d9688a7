import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, isTrackingLink, Role, type Viewer } from '@qurbani/kit';
import { donorOfPack, NO_ROWS } from '../shared/no-rows.js';
import { linkOpens } from '../tracking/tracking-link.policy.js';
import type { Delivery } from './delivery.entity.js';

/**
 * Who sees a delivery, by whatever path (root field, `_entities`, `MeatPack.delivery`,
 * `Route.stops`, `DriverPosition.delivery`): organizers all; a driver those of their routes; a donor
 * those carrying a pack of their sacrifice; a tracking link its one delivery while not revoked.
 * A SQL filter, so loading and authorizing a batch is one query.
 */
export function deliveryFilter(viewer: Viewer | null): FilterQuery<Delivery> {
  if (isOrganizer(viewer)) return {};
  if (isTrackingLink(viewer)) return linkOpens(viewer!, (a) => `${a}.id`);
  const mine: FilterQuery<Delivery>[] = [];
  if (hasRole(viewer, Role.DRIVER)) mine.push({ driverId: viewer!.id });
  if (hasRole(viewer, Role.DONOR)) mine.push({ [raw((a) => donorOfPack(`${a}.pack_id`), [viewer!.id])]: [] });
  return mine.length ? { $or: mine } : NO_ROWS;
}

/** Who may change a delivery (set out, confirm): only the driver it is assigned to. */
export const drivenBy = (driverId: string): FilterQuery<Delivery> => ({ driverId });
