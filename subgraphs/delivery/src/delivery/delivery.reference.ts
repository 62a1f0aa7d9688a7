import type { SubgraphContext } from '@qurbani/kit';
import { visibleDeliveryById } from './delivery.loaders.js';

export const deliveryReference = {
  Delivery: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleDeliveryById(ctx).load(ref.id),
  },
};
