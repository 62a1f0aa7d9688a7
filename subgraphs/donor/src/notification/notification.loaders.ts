import { groupByKey, type SubgraphContext } from '@qurbani/kit';
import { NotificationDelivery } from './notification-delivery.entity.js';

/** One `IN` query for the send log of every notification on a page. */
export const deliveriesByNotificationId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, NotificationDelivery[]>('NotificationDelivery.byNotificationId', async (ids) =>
    groupByKey(ids, await ctx.em.find(NotificationDelivery, { notificationId: { $in: [...ids] } }, { orderBy: { channel: 'asc' } }), (d) => d.notificationId),
  );
