import type { MikroORM } from '@mikro-orm/postgresql';
import {
  connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS,
  type EventHandler, type EventsLogger, type NatsHandles, type RunningConsumer, type SubjectName,
} from '@qurbani/events';

/** One durable consumer of this service; the stream, connection and ORM are filled in here. */
export interface ConsumerSpec {
  durable: string;
  subjects: readonly SubjectName[];
  // Each spec pairs its subjects with the matching handler; the union is not expressible here.
  handler: EventHandler<any>;
  concurrency?: number;
}

export interface Messaging {
  nats: NatsHandles;
  stop(): Promise<void>;
}

/**
 * Connects to NATS (reconnecting for as long as it takes: a NATS restart must not end the
 * service), makes sure the stream exists, relays the outbox and starts the consumers.
 */
export async function startMessaging(options: {
  orm: MikroORM; natsUrl: string; streamName: string; subjectPrefix?: string; consumers: ConsumerSpec[]; logger?: EventsLogger;
}): Promise<Messaging> {
  const { orm, streamName: stream, subjectPrefix, logger } = options;
  const nats = await connectNats(options.natsUrl, { name: 'orchestrator' });
  const running: RunningConsumer[] = [];
  let relay: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    await Promise.all(running.map((c) => c.stop()));
    await relay?.stop();
    await nats.close();
  };
  try {
    const subjects = STREAM_SUBJECTS.map((s) => (subjectPrefix ? `${subjectPrefix}.${s}` : s));
    await ensureStream(nats.jsm, { name: stream, subjects });
    relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix, logger });
    for (const spec of options.consumers) {
      running.push(await startConsumer({ orm, js: nats.js, jsm: nats.jsm, stream, subjectPrefix, logger, ...spec }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nats, stop };
}
