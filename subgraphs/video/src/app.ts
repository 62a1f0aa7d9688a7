import { csvExportRoutes, openRedis, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { accessConsumers } from './access/access.consumer.js';
import type { VideoConfig } from './config.js';
import { entities } from './entities.js';
import { watchVideoWork } from './media/media.metrics.js';
import { MediaModule } from './media/media.module.js';
import { migrations } from './migrations/index.js';
import { RedisLocker } from './upload/redis-locker.js';
import { ReviewClaimService } from './review/review-claim.service.js';
import { reviewDecisionsCsv } from './review/review-decisions.export.js';
import { verdictConsumer } from './verdict/verdict.consumer.js';
import { verdictCounter } from './verdict/verdict.metrics.js';
import { buildVideoSchema } from './schema.js';
import { VideoService } from './video/video.service.js';

export type { VideoConfig } from './config.js';
export { buildVideoSchema } from './schema.js';
export type { VideoServices } from './schema.js';
export { VideoService } from './video/video.service.js';
export type { Verdict } from './video/verdict.js';
export { CheckResult, ReviewOutcome, VideoStatus } from './video/video.enums.js';

/** The video subgraph: uploads, verdicts, review and playback; preprocesses too unless `worker.js` does. */
export function startVideoSubgraph(config: VideoConfig): Promise<RunningSubgraph> {
  const videos = new VideoService(config.now);
  const claims = new ReviewClaimService(config.now ?? (() => new Date()), (config.reviewLeaseSeconds ?? 600) * 1000);
  const media = new MediaModule(config.media, config.internalSecret, config.now ?? (() => new Date()));
  const inlineWorker = media.settings.inlineWorker;
  return startSubgraph(config, {
    name: 'video',
    entities,
    migrations,
    messaging: config,
    async wire({ orm, life, telemetry }) {
      const work = watchVideoWork(telemetry, orm, media.settings.uploadDir);
      let locker: RedisLocker | undefined;
      if (config.redisUrl) {
        const redis = openRedis(config.redisUrl, life, telemetry);
        locker = new RedisLocker({ redis, prefix: config.redisPrefix ?? 'qurbani:' });
        // Deferred after the client, so it is closed before it.
        life.defer('upload locks', () => locker!.close());
        await locker.ready();
      }
      // The archive sweep runs where the preprocessing worker runs (here, or in worker.js).
      if (inlineWorker) {
        const jobs = media.startJobs(orm);
        life.defer('archive sweep', () => jobs.stop());
      }
      return {
        schema: await buildVideoSchema({ videos, claims, now: config.now, media: media.services }),
        consumers: [
          ...accessConsumers,
          verdictConsumer(videos, verdictCounter(telemetry)),
          ...(inlineWorker ? media.workerConsumers() : []),
        ],
        routes: (app) => {
          const uploads = media.routes(app, orm, work.uploaded, locker);
          life.defer('upload sweep', () => uploads.stop());
          csvExportRoutes(orm, config.internalSecret, [reviewDecisionsCsv])(app);
        },
      };
    },
  });
}
export { startVideoWorker } from './worker.js';
