import type { EntityManager } from '@mikro-orm/postgresql';
import { consumer, Subject, type ConsumerFactory, type EventPayloads } from '@qurbani/events';
import type { AnalysisRepository } from './analysis.repository.js';

type Preprocessed = EventPayloads[typeof Subject.VideoUploadedPreprocessed];

/**
 * Durable `orchestrator-video-preprocessed`: records the video in the analysis queue and acks.
 * The analysis itself runs from that row, so a model-service outage never burns the event's
 * deliveries or sends it to the dead letters: the row simply waits.
 */
export const analysisConsumer = (analyses: AnalysisRepository, wake: () => void): ConsumerFactory =>
  consumer({
    durable: 'orchestrator-video-preprocessed',
    subjects: [Subject.VideoUploadedPreprocessed],
    handler: async (em: EntityManager, event: Preprocessed) => {
      const added = await analyses.add(em, {
        videoId: event.videoId,
        sacrificeId: event.sacrificeId,
        storageKey: event.storageKey,
        durationSeconds: event.durationSeconds,
      });
      // Committed after the handler returns: nudge the workers a moment later.
      if (added) setTimeout(wake, 50);
    },
  });
