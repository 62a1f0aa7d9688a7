import { runService, serveOperations } from '@qurbani/kit';
import { tracingFor } from '@qurbani/telemetry';
import { defaultLogger } from '@qurbani/events';
import { WaitReason } from './analysis/analysis.entity.js';
import { analysisConsumer } from './analysis/analysis.consumer.js';
import { AnalysisRepository } from './analysis/analysis.repository.js';
import { AnalysisWorker } from './analysis/analysis.worker.js';
import { MediaFiles } from './analysis/media.js';
import type { OrchestratorConfig } from './config.js';
import { entities } from './entities.js';
import { expectationConsumers } from './expectation/expectation.consumer.js';
import { ExpectationRepository } from './expectation/expectation.repository.js';
import { migrations } from './migrations/index.js';
import { ModelClient } from './model/model.client.js';

export type { OrchestratorConfig } from './config.js';
export { ModelClient } from './model/model.client.js';
export { ModelError, ModelFailure } from './model/model.errors.js';
export { verdictFrom, unusableVerdict } from './analysis/proof-outcome.rules.js';

export interface RunningOrchestrator {
  /** Base URL of the health server. */
  readonly url: string;
  readonly model: ModelClient;
  stats(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Opens its database, follows the sacrifices' expected names, queues every preprocessed video and
 * analyses it through the model service, publishing `video.processed-final` through its outbox.
 */
export async function startOrchestrator(config: OrchestratorConfig): Promise<RunningOrchestrator> {
  const logger = config.logger ?? defaultLogger;
  const model = new ModelClient({
    baseUrl: config.modelUrl,
    token: config.modelToken,
    timeoutMs: config.modelTimeoutMs,
    breakerFailures: config.breakerFailures,
    halfOpenAfterMs: config.breakerHalfOpenAfterMs,
  });
  const service = await runService({
    name: 'orchestrator',
    // An operator's DATABASE_POOL_MAX (copies on one PostgreSQL) is kept, but never below the work at once + 2.
    database: {
      ...config,
      entities,
      migrations,
      poolMax: Math.max(config.concurrency + 2, config.poolMax ?? config.concurrency + 6),
    },
    messaging: { ...config, logger },
    wire({ orm, life }) {
      const analyses = new AnalysisRepository(orm);
      const worker = new AnalysisWorker({
        orm,
        analyses,
        model,
        logger,
        expectations: new ExpectationRepository(),
        media: new MediaFiles(config.storage),
        concurrency: config.concurrency,
        leaseMs: config.leaseMs,
        retryMaxDelayMs: config.retryMaxDelayMs,
        pollMs: config.pollMs ?? 1000,
        tracing: tracingFor('orchestrator'),
      });
      model.onRecovered(() => {
        logger.info('model service is back; waking waiting analyses');
        analyses.wake(WaitReason.MODEL).then(
          () => worker.wake(),
          () => undefined,
        );
      });
      worker.start();
      life.defer('analysis worker', () => worker.stop());
      const stats = async () => ({ analyses: await analyses.stats(), circuit: model.circuit, worker: worker.counters });
      return { stats, consumers: [...expectationConsumers, analysisConsumer(analyses, () => worker.wake())] };
    },
  });
  const { stats } = service.parts;
  const circuitStates = ['closed', 'half-open', 'open'];
  service.telemetry.metrics.gaugeOnScrape(
    'model_circuit_state',
    'Circuit breaker in front of the model service: 0 closed, 1 half-open, 2 open (videos wait).',
    [],
    async () => [{ value: circuitStates.indexOf(model.circuit) }],
  );
  const health = await service.life.open(
    'health',
    () =>
      serveOperations({
        name: 'orchestrator',
        port: config.port,
        host: config.host,
        telemetry: service.telemetry,
        stats,
      }),
    (server) => server.close(),
  );
  return { url: health.url, model, stats, close: () => service.close() };
}
