import { isOrganizer, type SubgraphContext } from '@qurbani/kit';
import { buyerById } from './buyer/buyer.loaders.js';
import { hideReference } from './hide/hide.reference.js';
import { lotById } from './lot/lot.loaders.js';
import { sacrificeReference } from './sacrifice/sacrifice.stub.js';
import { saleById } from './sale/sale.loaders.js';

/** Lots, buyers and sales lead to prices and contacts: organizers only, as from root fields. */
const organizerOnly = (load: (ctx: SubgraphContext) => { load(id: string): Promise<unknown> }) => ({
  __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => (isOrganizer(ctx.viewer) ? load(ctx).load(ref.id) : null),
});

export const references = {
  ...hideReference,
  ...sacrificeReference,
  Lot: organizerOnly(lotById),
  Buyer: organizerOnly(buyerById),
  Sale: organizerOnly(saleById),
};
