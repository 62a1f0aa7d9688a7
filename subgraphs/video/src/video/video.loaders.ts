import { byKey, groupByKey, type SubgraphContext } from '@qurbani/kit';
import { ReviewDecision } from './review-decision.entity.js';
import { Video } from './video.entity.js';

/** Videos with their owner ids, joined in the same query: authorizing a batch costs no extra SQL. */
export const videoById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Video | null>('Video.byId', async (ids) =>
    byKey(ids, await ctx.em.find(Video, { id: { $in: [...ids] } }, { populate: ['access'], strategy: 'joined' }), (v) => v.id),
  );

/** Every attempt per sacrifice, oldest first: serves both `Sacrifice.video` and `Sacrifice.videos`. */
export const videosBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Video[]>('Video.bySacrificeId', async (ids) =>
    groupByKey(ids, await ctx.em.find(Video, { access: { sacrificeId: { $in: [...ids] } } }, { orderBy: { id: 'asc' } }), (v) => v.sacrificeId),
  );

export const decisionsByVideoId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, ReviewDecision[]>('ReviewDecision.byVideoId', async (ids) =>
    groupByKey(ids, await ctx.em.find(ReviewDecision, { video: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (d) => d.video.id),
  );
