import type { MikroORM } from '@mikro-orm/postgresql';
import {
  connectNats, ensureStream, startConsumer, startOutboxRelay, STREAM_SUBJECTS,
  type RunningConsumer, type StartConsumerOptions, type SubjectName,
} from '@qurbani/events';

type ConsumerSpec<S extends SubjectName> = Pick<StartConsumerOptions<S>, 'durable' | 'subjects' | 'handler' | 'concurrency'>;

/** What a consumer module needs: the stream, connection and ORM are filled in here. */
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

/** Connects to NATS, makes sure the stream exists, starts the outbox relay and the consumers. */
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
