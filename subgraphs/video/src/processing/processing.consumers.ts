import { Subject, type ConsumerFactory } from '@qurbani/events';
import type { ProcessingService } from './processing.service.js';

/**
 * Durables `video-preprocess` (on `video.initial-upload`) and `video-renditions` (on
 * `video.uploaded-preprocessed`, beside the AI orchestrator's own durable). Both may run in the
 * subgraph process or in `worker.js` replicas; JetStream spreads the work.
 */
export const processingConsumers = (
  processing: ProcessingService,
  concurrency: { preprocess: number; renditions: number },
): ConsumerFactory[] => [
  (base) =>
    base.start({
      durable: 'video-preprocess',
      subjects: [Subject.VideoInitialUpload],
      concurrency: concurrency.preprocess,
      handler: (em, payload) => processing.preprocess(em, payload),
    }),
  (base) =>
    base.start({
      durable: 'video-renditions',
      subjects: [Subject.VideoUploadedPreprocessed],
      concurrency: concurrency.renditions,
      handler: (em, payload) => processing.renditions(em, payload),
    }),
];
