import { runService, serveOperations } from '@qurbani/kit';
import { watchVideoWork } from './media/media.metrics.js';
import type { VideoConfig } from './config.js';
import { entities } from './entities.js';
import { MediaModule } from './media/media.module.js';
import { migrations } from './migrations/index.js';

/**
 * The preprocessing worker on its own (probe, sound track, renditions, archive sweep), for machines
 * that scale transcoding apart from the GraphQL subgraph. Start as many as the CPUs allow; JetStream
 * spreads the videos between them. Run the subgraph with `VIDEO_INLINE_WORKER=false` then.
 */
export async function startVideoWorker(
  config: VideoConfig,
): Promise<{ operationsUrl?: string; stop(): Promise<void> }> {
  const media = new MediaModule(config.media, config.internalSecret, config.now ?? (() => new Date()));
  const service = await runService({
    name: 'video-worker',
    database: { ...config, entities, migrations, poolMax: 4 },
    messaging: config,
    wire({ orm, life, telemetry }) {
      watchVideoWork(telemetry, orm, media.settings.uploadDir);
      const jobs = media.startJobs(orm);
      life.defer('archive sweep', () => jobs.stop());
      return { consumers: media.workerConsumers() };
    },
  });
  const port = config.workerMetricsPort;
  const operations =
    port === undefined
      ? undefined
      : await service.life.open(
          'operations',
          () => serveOperations({ name: 'video-worker', port, host: config.host, telemetry: service.telemetry }),
          (server) => server.close(),
        );
  return { operationsUrl: operations?.url, stop: () => service.close() };
}
