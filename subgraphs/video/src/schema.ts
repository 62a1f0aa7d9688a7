import { auditResolver, deadLetterResolver, sdlOnly, subgraphSchema } from '@qurbani/kit';
import { VideoDashboardRepository } from './dashboard/dashboard.repository.js';
import { SeasonDashboardStub, seasonDashboardReference } from './dashboard/season-dashboard.stub.js';
import { SeasonDashboardVideosResolver } from './dashboard/season-dashboard-videos.resolver.js';
import { ArchiveResolver } from './archive/archive.resolver.js';
import { CalibrationResolver } from './calibration/calibration.resolver.js';
import type { MediaServices } from './media/media.module.js';
import { VideoPlaybackResolver } from './playback/video-playback.resolver.js';
import { UploadVideoResolver } from './upload/upload-video.resolver.js';
import { ReviewClaimResolver } from './review/review-claim.resolver.js';
import type { ReviewClaimService } from './review/review-claim.service.js';
import { SacrificeStub } from './foreign-entities.js';
import { SacrificeVideoResolver } from './sacrifice/sacrifice-video.resolver.js';
import { VideoTaskResolver } from './video/video-task.resolver.js';
import { videoReference } from './video/video.reference.js';
import { VideoResolver } from './video/video.resolver.js';
import type { VideoService } from './video/video.service.js';

export interface VideoServices {
  videos: VideoService;
  claims: ReviewClaimService;
  now?: () => Date;
  media?: MediaServices;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildVideoSchema(services?: VideoServices) {
  const s = sdlOnly(services);
  const media = sdlOnly(s.media);
  return subgraphSchema({
    resolvers: [
      deadLetterResolver('video'),
      auditResolver('video'),
      new VideoResolver(s.videos),
      new VideoTaskResolver(s.videos),
      new ReviewClaimResolver(s.claims, s.now ?? (() => new Date())),
      new SacrificeVideoResolver(),
      new UploadVideoResolver(media.multipart),
      new VideoPlaybackResolver(media.playback),
      new ArchiveResolver(media.archive),
      new CalibrationResolver(s.now ?? (() => new Date())),
      new SeasonDashboardVideosResolver(new VideoDashboardRepository()),
    ],
    references: [videoReference, SacrificeStub.reference, seasonDashboardReference],
    orphanedTypes: [SeasonDashboardStub],
  });
}
