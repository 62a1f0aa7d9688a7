import { buildFederatedSchema } from '@qurbani/kit';
import { ArchiveResolver } from './archive/archive.resolver.js';
import type { MediaServices } from './media/media.module.js';
import { VideoPlaybackResolver } from './playback/video-playback.resolver.js';
import { UploadVideoResolver } from './upload/upload-video.resolver.js';
import { sacrificeReference } from './sacrifice/sacrifice.stub.js';
import { SacrificeVideoResolver } from './sacrifice/sacrifice-video.resolver.js';
import { VideoTaskResolver } from './video/video-task.resolver.js';
import { videoReference } from './video/video.reference.js';
import { VideoResolver } from './video/video.resolver.js';
import type { VideoService } from './video/video.service.js';

export interface VideoServices {
  videos: VideoService;
  media?: MediaServices;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildVideoSchema(services?: VideoServices) {
  const videos = services?.videos as VideoService;
  const resolvers = new Map<Function, unknown>([
    [VideoResolver, new VideoResolver(videos)],
    [VideoTaskResolver, new VideoTaskResolver(videos)],
    [SacrificeVideoResolver, new SacrificeVideoResolver()],
    [UploadVideoResolver, new UploadVideoResolver(services?.media?.multipart as MediaServices['multipart'])],
    [VideoPlaybackResolver, new VideoPlaybackResolver(services?.media?.playback as MediaServices['playback'])],
    [ArchiveResolver, new ArchiveResolver(services?.media?.archive as MediaServices['archive'])],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [VideoResolver, VideoTaskResolver, SacrificeVideoResolver, UploadVideoResolver, VideoPlaybackResolver, ArchiveResolver],
      container: { get: (cls) => resolvers.get(cls) },
    },
    { ...videoReference, ...sacrificeReference },
  );
}
