import { assertId, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Video } from '../video/video.entity.js';
import type { ArchiveService } from './archive.service.js';

@Resolver(() => Video)
export class ArchiveResolver {
  constructor(private readonly archive: ArchiveService) {}

  @Mutation(() => Video, {
    description: 'Organizers: bring an archived video back from cold storage so it can be watched again.',
  })
  @Authorized(Role.ORGANIZER)
  restoreVideo(@Arg('videoId', () => ID) videoId: string, @Ctx() ctx: SubgraphContext): Promise<Video> {
    return this.archive.restore(ctx.em, assertId(videoId, 'videoId'));
  }

  @Mutation(() => Int, {
    description:
      'Organizers: run the archive sweep now (it also runs on a schedule); returns how many videos moved to cold storage.',
  })
  @Authorized(Role.ORGANIZER)
  archiveOldVideos(@Ctx() ctx: SubgraphContext): Promise<number> {
    return this.archive.sweep(ctx.em);
  }
}
