import type { MikroORM } from '@mikro-orm/postgresql';
import { connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS, Subject } from '@qurbani/events';
import type { NatsHandles } from '@qurbani/events';
import { recordAllocation } from './allocation/allocation.handler.js';
import type { DeliveryConfig } from './config.js';

/** Durable consumer names are contracts too: renaming one replays the whole stream into it. */
export const DURABLE_SACRIFICE_ALLOCATED = 'delivery-sacrifice-allocated';

export interface Messaging {
  /** Core connection, for live signals sent outside the outbox (driver positions). */
  nc: NatsHandles['nc'];
  stop(): Promise<void>;
}

/** Connects to JetStream, relays this subgraph's outbox and consumes what it needs. */
export async function startMessaging(orm: MikroORM, config: DeliveryConfig): Promise<Messaging> {
  const nats = await connectNats(config.natsUrl);
  const prefix = config.subjectPrefix;
  try {
    await ensureStream(nats.jsm, { name: config.streamName, subjects: STREAM_SUBJECTS.map((s) => (prefix ? `${prefix}.${s}` : s)) });
    const relay = startOutboxRelay({ orm, js: nats.js, nc: nats.nc, subjectPrefix: prefix });
    const allocated = await startConsumer({
      orm,
      js: nats.js,
      jsm: nats.jsm,
      stream: config.streamName,
      durable: DURABLE_SACRIFICE_ALLOCATED,
      subjects: [Subject.SacrificeAllocated],
      subjectPrefix: prefix,
      handler: (em, payload) => recordAllocation(em, payload),
    });
    return {
      nc: nats.nc,
      async stop() {
        await allocated.stop();
        await relay.stop();
        await nats.close();
      },
    };
  } catch (error) {
    await nats.close();
    throw error;
  }
}
