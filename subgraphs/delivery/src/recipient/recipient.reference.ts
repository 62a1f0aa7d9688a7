import type { SubgraphContext } from '@qurbani/kit';
import { visibleRecipientById } from './recipient.loaders.js';

export const recipientReference = {
  Recipient: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleRecipientById(ctx).load(ref.id),
  },
};
