import type { SubgraphContext } from '@qurbani/kit';
import { mayFollowReference } from '../shared/access.js';
import type { Order } from './order.entity.js';
import { orderById } from './order.loaders.js';

export const orderReference = {
  Order: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<Order | null> => {
      const order = await orderById(ctx).load(ref.id);
      return order && mayFollowReference(ctx.viewer, order.donorId) ? order : null;
    },
  },
};
