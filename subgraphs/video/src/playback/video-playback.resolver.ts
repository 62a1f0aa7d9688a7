import { type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessBySacrificeId } from '../access/access.loaders.js';
import { Video } from '../video/video.entity.js';
import type { PlaybackService } from './playback.service.js';
import { VideoPlayback } from './playback.types.js';

@Resolver(() => Video)
export class VideoPlaybackResolver {
  constructor(private readonly playbacks: PlaybackService) {}

  @FieldResolver(() => VideoPlayback, {
    nullable: true,
    description:
      "Expiring links to watch the video: the blurred copy by default, the original when asked. For the sacrifice's donors, its executor, reviewers and organizers; null for anyone else.",
  })
  async playback(
    @Root() video: Video,
    @Arg('original', () => Boolean, {
      defaultValue: false,
      description: 'The unblurred original instead of the blurred copy.',
    })
    original: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<VideoPlayback | null> {
    // A link is a capability that outlives the request: check the owners here (the loader applies
    // sacrificeAccessFilter), whatever path led to the video.
    const access = await accessBySacrificeId(ctx).load(video.sacrificeId);
    if (!access) return null;
    return this.playbacks.playback(video, original);
  }
}
