import { buildFederatedSchema } from '@qurbani/kit';
import { sacrificeReference } from './sacrifice/sacrifice.stub.js';
import { SacrificeVideoResolver } from './sacrifice/sacrifice-video.resolver.js';
import { VideoTaskResolver } from './video/video-task.resolver.js';
import { videoReference } from './video/video.reference.js';
import { VideoResolver } from './video/video.resolver.js';
import type { VideoService } from './video/video.service.js';

export interface VideoServices {
  videos: VideoService;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildVideoSchema(services?: VideoServices) {
  const videos = services?.videos as VideoService;
  const resolvers = new Map<Function, unknown>([
    [VideoResolver, new VideoResolver(videos)],
    [VideoTaskResolver, new VideoTaskResolver(videos)],
    [SacrificeVideoResolver, new SacrificeVideoResolver()],
  ]);
  return buildFederatedSchema(
    { resolvers: [VideoResolver, VideoTaskResolver, SacrificeVideoResolver], container: { get: (cls) => resolvers.get(cls) } },
    { ...videoReference, ...sacrificeReference },
  );
}
