import type { MikroORM } from '@mikro-orm/postgresql';
import { connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS, Subject } from '@qurbani/events';
import { onProcessedFinal, onVideoReviewed } from '../sacrifice/proof.handler.js';
import { onOrderCancelRequested, onOrderPlaced } from '../share/order-events.handler.js';

export interface SacrificeEventsOptions {
  orm: MikroORM;
  natsUrl: string;
  streamName: string;
  subjectPrefix?: string;
  now: () => Date;
}

/**
 * Relays this subgraph's outbox and consumes orders and proof-video outcomes. One durable per subject, so even
 * nats-server 2.9 (a single filter subject per consumer) delivers only what we handle.
 */
export async function startSacrificeEvents(options: SacrificeEventsOptions): Promise<{ stop(): Promise<void> }> {
  const { orm, subjectPrefix } = options;
  const nats = await connectNats(options.natsUrl);
  try {
    const subjects = STREAM_SUBJECTS.map((s) => (subjectPrefix ? `${subjectPrefix}.${s}` : s));
    await ensureStream(nats.jsm, { name: options.streamName, subjects });
    const common = { orm, js: nats.js, jsm: nats.jsm, stream: options.streamName, subjectPrefix };
    const placed = await startConsumer({
      ...common, durable: 'sacrifice-order-placed', subjects: [Subject.OrderPlaced],
      handler: (em, payload) => onOrderPlaced(em, payload),
    });
    const cancelled = await startConsumer({
      ...common, durable: 'sacrifice-order-cancel-requested', subjects: [Subject.OrderCancelRequested],
      handler: (em, payload) => onOrderCancelRequested(em, payload, options.now),
    });
    // Outcomes of one sacrifice serialize on its row lock; different sacrifices run in parallel.
    const verdicts = await startConsumer({
      ...common, durable: 'sacrifice-video-verdict', subjects: [Subject.VideoProcessedFinal], concurrency: 2,
      handler: (em, payload) => onProcessedFinal(em, payload, options.now),
    });
    const reviews = await startConsumer({
      ...common, durable: 'sacrifice-video-reviewed', subjects: [Subject.VideoReviewed], concurrency: 2,
      handler: (em, payload) => onVideoReviewed(em, payload, options.now),
    });
    const relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix });
    return {
      async stop() {
        await Promise.all([placed.stop(), cancelled.stop(), verdicts.stop(), reviews.stop()]);
        await relay.stop();
        await nats.close();
      },
    };
  } catch (error) {
    await nats.close();
    throw error;
  }
}
