import { byKey, groupByKey, leanFind, selectedFields, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
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

/** The fields of `Video` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const VIDEO_READS = {
  id: ['id'],
  status: ['status'],
  attempt: ['attempt'],
  sceneCheck: ['sceneCheck'],
  nameCheck: ['nameCheck'],
  durationSeconds: ['durationSeconds'],
  blurredStorageKey: ['blurredStorageKey'],
  sacrificeId: ['access'],
  sacrifice: ['access'],
  reviewDecisions: ['id'],
};

/**
 * Every attempt per sacrifice, oldest first: serves `Sacrifice.video`, `Sacrifice.videos` and
 * `VideoTask.video`, each load with the fields its query reads (`videoFields`).
 */
export const videosBySacrificeId = (ctx: SubgraphContext) =>
  ctx.loaders.withFields<string, Video[]>('Video.bySacrificeId', async (ids, fields) =>
    groupByKey(
      ids,
      await leanFind(
        ctx.reads,
        Video,
        { $and: [{ access: { sacrificeId: { $in: [...ids] } } }, videoFilter(ctx.viewer)] },
        { orderBy: { id: 'asc' }, fields },
      ),
      (v) => v.sacrificeId,
    ),
  );

/** The fields a `Video` (or a connection of them, `path`) resolved at `info` reads, with the loader's key. */
export const videoFields = (info: GraphQLResolveInfo, path?: readonly string[]) =>
  selectedFields(info, { reads: VIDEO_READS, always: ['access'], path });

/** A sacrifice's latest attempt (`Sacrifice.video`, `VideoTask.video`), with the fields `info` asks for; null before the first. */
export const latestVideo = async (ctx: SubgraphContext, sacrificeId: string, info: GraphQLResolveInfo) =>
  (await videosBySacrificeId(ctx).load(sacrificeId, videoFields(info))).at(-1) ?? null;

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
