import { connectionFromArray, PageArgs, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Video } from '../video/video.entity.js';
import { latestVideo, videoFields, videosBySacrificeId } from '../video/video.loaders.js';
import { VideoConnection } from '../video/video.types.js';
import { SacrificeStub } from '../foreign-entities.js';

/**
 * Fields on a stub: the gateway may reach them without the sacrifice subgraph, so the loader
 * applies `videoFilter` (see docs/graph-contract.md).
 */
@Resolver(() => SacrificeStub)
export class SacrificeVideoResolver {
  @FieldResolver(() => Video, { nullable: true, description: 'The latest proof-video attempt; null before the first.' })
  video(
    @Root() sacrifice: SacrificeStub,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Video | null> {
    return latestVideo(ctx, sacrifice.id, info);
  }

  @FieldResolver(() => VideoConnection, { description: 'Every attempt, oldest first.' })
  async videos(
    @Root() sacrifice: SacrificeStub,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = videoFields(info, ['edges', 'node']);
    return connectionFromArray(await videosBySacrificeId(ctx).load(sacrifice.id, fields), page);
  }
}
