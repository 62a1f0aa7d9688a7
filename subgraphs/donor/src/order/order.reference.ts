import type { SubgraphContext } from '@qurbani/kit';
import { orderById } from './order.loaders.js';

export const orderReference = {
  Order: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => orderById(ctx).load(ref.id) },
};
