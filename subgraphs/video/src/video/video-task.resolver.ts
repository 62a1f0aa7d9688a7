import { PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Video } from './video.entity.js';
import { latestVideo } from './video.loaders.js';
import type { VideoService } from './video.service.js';
import { VideoTask, VideoTaskConnection } from './video.types.js';

@Resolver(() => VideoTask)
export class VideoTaskResolver {
  constructor(private readonly videos: VideoService) {}

  @Query(() => VideoTaskConnection, {
    description: 'Executors: sacrifices assigned to me that still need a proof video.',
  })
  @Authorized(Role.EXECUTOR)
  myVideoTasks(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.videos.tasksOf(ctx.em, ctx.viewer!.id, page);
  }

  @FieldResolver(() => Video, { nullable: true, description: 'The latest attempt, e.g. one a reviewer rejected.' })
  video(@Root() task: VideoTask, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<Video | null> {
    return latestVideo(ctx, task.id, info);
  }
}
