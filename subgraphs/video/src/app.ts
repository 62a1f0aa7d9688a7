import { createOrm, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { accessConsumers } from './access/access.consumer.js';
import type { VideoConfig } from './config.js';
import { entities } from './entities.js';
import { startMessaging } from './messaging.js';
import { migrations } from './migrations/index.js';
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
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const messaging = await startMessaging({
    orm,
    natsUrl: config.natsUrl,
    streamName: config.streamName,
    subjectPrefix: config.subjectPrefix,
    consumers: accessConsumers,
  }).catch(async (error) => { await orm.close(); throw error; });
  const videos = new VideoService(config.now);
  return startSubgraph({
    name: 'video',
    port: config.port,
    schema: await buildVideoSchema({ videos }),
    orm,
    internalSecret: config.internalSecret,
    onClose: () => messaging.stop(),
  });
}
