import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, isTrackingLink, Role, type SubgraphContext, type Viewer } from '@qurbani/kit';
import { Delivery } from '../delivery/delivery.entity.js';
import { donorOfPack, NO_ROWS } from '../shared/no-rows.js';
import { linkOpens } from '../tracking/tracking-link.policy.js';
import type { Recipient } from './recipient.entity.js';

/**
 * Who sees a family (household size, region, priority): organizers all; a driver the families on
 * their routes; a donor the families their sacrifice fed; a tracking link its own family.
 */
export function recipientFilter(viewer: Viewer | null): FilterQuery<Recipient> {
  if (isOrganizer(viewer)) return {};
  if (isTrackingLink(viewer)) {
    return linkOpens(viewer!, (a) => `select vd.id from delivery vd where vd.recipient_id = ${a}.id`);
  }
  const mine: FilterQuery<Recipient>[] = [];
  if (hasRole(viewer, Role.DRIVER)) {
    mine.push({
      [raw(
        (a) => `exists (select 1 from delivery vd where vd.recipient_id = ${a}.id and vd.driver_id = ?)`,
        [viewer!.id],
      )]: [],
    });
  }
  if (hasRole(viewer, Role.DONOR)) {
    mine.push({
      [raw(
        (a) => `exists (select 1 from delivery vd where vd.recipient_id = ${a}.id and ${donorOfPack('vd.pack_id')})`,
        [viewer!.id],
      )]: [],
    });
  }
  return mine.length ? { $or: mine } : NO_ROWS;
}

/**
 * Name, phone, address and location: organizers, and the driver of a delivery to this family.
 * A donor or the family's link sees the row, never these.
 */
export async function mayContact(ctx: SubgraphContext, recipient: Recipient): Promise<boolean> {
  if (isOrganizer(ctx.viewer)) return true;
  if (!hasRole(ctx.viewer, Role.DRIVER)) return false;
  const driverId = ctx.viewer!.id;
  return ctx.loaders
    .get<string, boolean>('Recipient.drivenByViewer', async (ids) => {
      const rows = await ctx.em.find(
        Delivery,
        { driverId, recipientId: { $in: [...ids] } },
        { fields: ['recipientId'] },
      );
      const driven = new Set(rows.map((d) => d.recipientId));
      return ids.map((id) => driven.has(id));
    })
    .load(recipient.id);
}
