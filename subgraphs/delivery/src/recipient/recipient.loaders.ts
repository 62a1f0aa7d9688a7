import { byKey, type SubgraphContext } from '@qurbani/kit';
import { Delivery } from '../delivery/delivery.entity.js';
import { visibleRecipients } from '../shared/visibility.js';
import { Recipient } from './recipient.entity.js';

/** Recipients reached from a delivery the viewer was already allowed to see. */
export const recipientById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Recipient | null>('Recipient.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Recipient, { id: { $in: [...ids] } }), (r) => r.id),
  );

/** Recipients reached by id from outside: authorized in the same query. */
export const visibleRecipientById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Recipient | null>('Recipient.visibleById', async (ids) =>
    byKey(ids, await ctx.em.find(Recipient, { $and: [{ id: { $in: [...ids] } }, visibleRecipients(ctx.viewer)] }), (r) => r.id),
  );

/** Whether the viewer drives a delivery to each recipient: who may read contact details. */
export const drivenByViewer = (ctx: SubgraphContext, driverId: string) =>
  ctx.loaders.get<string, boolean>('Recipient.drivenByViewer', async (ids) => {
    const rows = await ctx.em.find(Delivery, { driverId, recipientId: { $in: [...ids] } }, { fields: ['recipientId'] });
    const driven = new Set(rows.map((d) => d.recipientId));
    return ids.map((id) => driven.has(id));
  });
