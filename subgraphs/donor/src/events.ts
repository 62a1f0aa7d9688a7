import type { MikroORM } from '@mikro-orm/postgresql';
import { connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS, Subject } from '@qurbani/events';
import type { DonorConfig } from './config.js';
import { applySacrificeStatus } from './order/order-status.handler.js';

/** Durable consumer name of this subgraph for sacrifice status changes. */
export const ORDER_STATUS_DURABLE = 'donor-order-status';

/** Publishes this subgraph's outbox and follows sacrifice status; returns the function that stops both. */
export async function startEvents(orm: MikroORM, config: DonorConfig): Promise<() => Promise<void>> {
  const nats = await connectNats(config.natsUrl);
  const prefix = config.subjectPrefix;
  try {
    await ensureStream(nats.jsm, { name: config.streamName, subjects: STREAM_SUBJECTS.map((s) => (prefix ? `${prefix}.${s}` : s)) });
    const relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix: prefix });
    const consumer = await startConsumer({
      orm,
      js: nats.js,
      jsm: nats.jsm,
      stream: config.streamName,
      durable: ORDER_STATUS_DURABLE,
      subjects: [Subject.SacrificeStatusChanged],
      subjectPrefix: prefix,
      handler: (em, payload) => applySacrificeStatus(em, payload),
    });
    return async () => {
      await consumer.stop();
      await relay.stop();
      await nats.close();
    };
  } catch (error) {
    await nats.close();
    throw error;
  }
}
