import type { SubgraphContext } from '@qurbani/kit';
import { recipientById } from './recipient.loaders.js';

export const recipientReference = {
  Recipient: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => recipientById(ctx).load(ref.id),
  },
};
