import type { SubgraphContext } from '@qurbani/kit';
import { buyerById } from './buyer/buyer.loaders.js';
import { hideReference } from './hide/hide.reference.js';
import { lotById } from './lot/lot.loaders.js';
import { SacrificeStub } from './foreign-entities.js';
import { saleById } from './sale/sale.loaders.js';

/** Each loader applies its module's policy (lots, buyers, sales: organizers only). */
const byLoader = (load: (ctx: SubgraphContext) => { load(id: string): Promise<unknown> }) => ({
  __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => load(ctx).load(ref.id),
});

export const references = {
  ...hideReference,
  ...SacrificeStub.reference,
  Lot: byLoader(lotById),
  Buyer: byLoader(buyerById),
  Sale: byLoader(saleById),
};
