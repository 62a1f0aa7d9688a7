import type { MikroORM } from '@mikro-orm/postgresql';
import { startConsumer, type RunningConsumer, type StartConsumerOptions } from './consumer.js';
import { connectNats } from './nats.js';
import { startOutboxRelay } from './relay.js';
import { ensureStream } from './stream.js';
import { STREAM_SUBJECTS, type SubjectName } from './subjects.js';

type ConsumerSpec<S extends SubjectName> = Pick<StartConsumerOptions<S>, 'durable' | 'subjects' | 'handler' | 'concurrency'>;

/** What a consumer module gets: `start` fills in the stream, connection, prefix and ORM. */
export interface ConsumerBase {
  start<S extends SubjectName>(spec: ConsumerSpec<S>): Promise<RunningConsumer>;
}
export type ConsumerFactory = (base: ConsumerBase) => Promise<RunningConsumer>;

export interface MessagingOptions {
  orm: MikroORM;
  natsUrl: string;
  streamName: string;
  /** Namespaces every subject, so tests on a shared NATS server never claim the real subjects. */
  subjectPrefix?: string;
  consumers: ConsumerFactory[];
  /** Set false when this subgraph writes no events: no outbox polling then. */
  relay?: boolean;
}

/**
 * Everything a service needs on the event bus, in one call: connects to NATS, makes sure the stream
 * exists, relays the outbox and starts each consumer; `stop` undoes it all in reverse.
 */
export async function startMessaging(options: MessagingOptions): Promise<{ stop(): Promise<void> }> {
  const { orm, streamName: stream, subjectPrefix } = options;
  const nats = await connectNats(options.natsUrl);
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
    if (options.relay !== false) relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix });
    const base: ConsumerBase = { start: (spec) => startConsumer({ orm, js: nats.js, jsm: nats.jsm, stream, subjectPrefix, ...spec }) };
    for (const factory of options.consumers) running.push(await factory(base));
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
