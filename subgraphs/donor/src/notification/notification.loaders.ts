import { groupByKey, type SubgraphContext } from '@qurbani/kit';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { notificationDeliveryFilter } from './notification.policy.js';

/** One `IN` query for the send log of every notification on a page, authorized by `notificationDeliveryFilter`. */
export const deliveriesByNotificationId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, NotificationDelivery[]>('NotificationDelivery.byNotificationId', async (ids) =>
    groupByKey(
      ids,
      await ctx.em.find(
        NotificationDelivery,
        { $and: [{ notificationId: { $in: [...ids] } }, notificationDeliveryFilter(ctx.viewer)] },
        { orderBy: { channel: 'asc' } },
      ),
      (d) => d.notificationId,
    ),
  );
