import type { SubgraphContext } from '@qurbani/kit';
import { safeId } from '../shared/safe-id.js';
import { canReferenceSacrifice } from './sacrifice.access.js';
import type { Sacrifice } from './sacrifice.entity.js';
import { sacrificeById } from './sacrifice.loaders.js';

export const sacrificeReference = {
  Sacrifice: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<Sacrifice | null> => {
      const id = safeId(ref.id);
      const s = id ? await sacrificeById(ctx).load(id) : null;
      return s && canReferenceSacrifice(ctx.viewer, s) ? s : null;
    },
  },
};
