import { raw } from '@mikro-orm/core';
import { isTrackingLink, trackingLinkIdOf, unauthenticated, type SubgraphContext, type Viewer } from '@qurbani/kit';
import { TrackingLinkRecord } from './tracking-link.entity.js';

/*
 * A family's tracking link opens its one delivery (and that delivery's pack, family and van
 * position) while it is neither expired (the token says) nor revoked (this table says).
 */

/**
 * Row filter: the link of `viewer` is not revoked and opens one of the deliveries that
 * `deliveryIdsSql(alias)` selects (the row's own id, or a subquery).
 */
export function linkOpens(viewer: Viewer, deliveryIdsSql: (alias: string) => string) {
  const sql = (a: string) =>
    `exists (select 1 from tracking_link tl where tl.id = ? and tl.delivery_id = ? and tl.revoked_at is null and tl.delivery_id in (${deliveryIdsSql(a)}))`;
  return { [raw(sql, [trackingLinkIdOf(viewer), viewer.trackingDeliveryId])]: [] };
}

/**
 * Root fields a link may call check it first, so a revoked link gets UNAUTHENTICATED rather than
 * an empty answer (the gateway refuses it before this; this holds when a replica's cache lags).
 */
export async function requireLiveLink(ctx: SubgraphContext): Promise<void> {
  if (!isTrackingLink(ctx.viewer)) return;
  const active = await ctx.loaders
    .get<string, boolean>('TrackingLink.active', async (ids) => {
      const rows = await ctx.em.find(
        TrackingLinkRecord,
        { id: { $in: [...ids] }, revokedAt: null },
        { fields: ['id'] },
      );
      const live = new Set(rows.map((r) => r.id));
      return ids.map((id) => live.has(id));
    })
    .load(trackingLinkIdOf(ctx.viewer) ?? '00000000-0000-0000-0000-000000000000');
  if (!active) throw unauthenticated('This tracking link was revoked; ask the charity for a new one.');
}
