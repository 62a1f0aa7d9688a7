import type { SubgraphContext } from '@qurbani/kit';
import { videoById } from './video.loaders.js';

export const videoReference = {
  Video: {
    // videoById applies videoFilter: a reference is as good as a root field for reaching a video.
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => videoById(ctx).load(ref.id),
  },
};
