import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { accessConsumers } from './access/access.consumer.js';
import type { VideoConfig } from './config.js';
import { entities } from './entities.js';
import { MediaModule } from './media/media.module.js';
import { startMessaging } from '@qurbani/events';
import { migrations } from './migrations/index.js';
import { verdictConsumer } from './verdict/verdict.consumer.js';
import { buildVideoSchema } from './schema.js';
import { VideoService } from './video/video.service.js';

export type { VideoConfig } from './config.js';
export { buildVideoSchema } from './schema.js';
export type { VideoServices } from './schema.js';
export { VideoService } from './video/video.service.js';
export type { Verdict } from './video/verdict.js';
export { CheckResult, ReviewOutcome, VideoStatus } from './video/video.enums.js';

/** Opens the database, applies migrations, starts the event relay and consumers, and serves the video subgraph. */
export async function startVideoSubgraph(config: VideoConfig): Promise<RunningSubgraph> {
  const videos = new VideoService(config.now);
  const media = new MediaModule(config.media, config.internalSecret, config.now ?? (() => new Date()));
  const inlineWorker = media.settings.inlineWorker;
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const messaging = await startMessaging({
    orm,
    natsUrl: config.natsUrl,
    streamName: config.streamName,
    subjectPrefix: config.subjectPrefix,
    consumers: [...accessConsumers, verdictConsumer(videos), ...(inlineWorker ? media.workerConsumers() : [])],
  }).catch(async (error) => { await orm.close(); throw error; });
  // The archive sweep runs where the preprocessing worker runs (here, or in worker.js).
  const jobs = inlineWorker ? media.startJobs(orm) : { stop: async () => undefined };
  let routes: { stop(): Promise<void> } | undefined;
  return startSubgraph({
    name: 'video',
    port: config.port,
    host: config.host,
    schema: await buildVideoSchema({ videos, media: media.services }),
    orm,
    internalSecret: config.internalSecret,
    routes: (app) => { routes = media.routes(app, orm); },
    onClose: async () => {
      await Promise.all([jobs.stop(), routes?.stop()]);
      await messaging.stop();
    },
  });
}
export { startVideoWorker } from './worker.js';
