import { byKey, groupByKey, leanFind, type SubgraphContext } from '@qurbani/kit';
import { ReviewDecision } from './review-decision.entity.js';
import { Video } from './video.entity.js';
import { reviewDecisionFilter, videoFilter } from './video.policy.js';

// Every loader applies the video policy in its one query: no path reaches a video unchecked.

/** By id (`video(id)`, `_entities`), with its owner ids joined in the same query. */
export const videoById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Video | null>('Video.byId', async (ids) =>
    byKey(
      ids,
      await ctx.em.find(
        Video,
        { $and: [{ id: { $in: [...ids] } }, videoFilter(ctx.viewer)] },
        { populate: ['access'], strategy: 'joined' },
      ),
      (v) => v.id,
    ),
  );

/** Every attempt per sacrifice, oldest first: serves `Sacrifice.video`, `Sacrifice.videos` and `VideoTask.video`. */
export const videosBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Video[]>('Video.bySacrificeId', async (ids) =>
    groupByKey(
      ids,
      await leanFind(
        ctx.reads,
        Video,
        { $and: [{ access: { sacrificeId: { $in: [...ids] } } }, videoFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' } },
      ),
      (v) => v.sacrificeId,
    ),
  );

export const decisionsByVideoId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ReviewDecision[]>('ReviewDecision.byVideoId', async (ids) =>
    groupByKey(
      ids,
      await ctx.em.find(
        ReviewDecision,
        { $and: [{ video: { $in: [...ids] } }, reviewDecisionFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' } },
      ),
      (d) => d.video.id,
    ),
  );
