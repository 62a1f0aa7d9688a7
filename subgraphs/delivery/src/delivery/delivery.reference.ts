import type { SubgraphContext } from '@qurbani/kit';
import { deliveryById } from './delivery.loaders.js';

export const deliveryReference = {
  Delivery: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => deliveryById(ctx).load(ref.id),
  },
};
