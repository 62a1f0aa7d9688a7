import type { SubgraphContext } from '@qurbani/kit';
import { canSeeVideosOf } from '../access/access.policy.js';
import { videoById } from './video.loaders.js';

export const videoReference = {
  Video: {
    // The owner authorizes here too: a reference is as good as a root field for reaching a video.
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
      const video = await videoById(ctx).load(ref.id);
      return video && canSeeVideosOf(ctx.viewer, video.access) ? video : null;
    },
  },
};
