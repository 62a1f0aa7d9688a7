import { createOrm } from '@qurbani/kit';
import type { VideoConfig } from './config.js';
import { entities } from './entities.js';
import { MediaModule } from './media/media.module.js';
import { startMessaging } from '@qurbani/events';
import { migrations } from './migrations/index.js';

/**
 * The preprocessing worker on its own (probe, sound track, renditions, archive sweep), for machines
 * that scale transcoding apart from the GraphQL subgraph. Start as many as the CPUs allow; JetStream
 * spreads the videos between them. Run the subgraph with `VIDEO_INLINE_WORKER=false` then.
 */
export async function startVideoWorker(config: VideoConfig): Promise<{ stop(): Promise<void> }> {
  const media = new MediaModule(config.media, config.internalSecret, config.now ?? (() => new Date()));
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery, poolMax: 4 });
  const messaging = await startMessaging({
    orm,
    natsUrl: config.natsUrl,
    streamName: config.streamName,
    subjectPrefix: config.subjectPrefix,
    consumers: media.workerConsumers(),
  }).catch(async (error) => { await orm.close(); throw error; });
  const jobs = media.startJobs(orm);
  return {
    async stop() {
      await jobs.stop();
      await messaging.stop();
      await orm.close();
    },
  };
}
