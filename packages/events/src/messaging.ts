import type { MikroORM } from '@mikro-orm/postgresql';
import { startConsumer, type RunningConsumer, type StartConsumerOptions } from './consumer.js';
import { defaultLogger, errorText, type EventsLogger } from './logger.js';
import type { EventsObserver, EventsTracer } from './observer.js';
import { pruneSettled, type RetentionOptions } from './retention.js';
import { connectNats, type NatsHandles } from './nats.js';
import { startOutboxRelay } from './relay.js';
import { ensureStream } from './stream.js';
import { STREAM_SUBJECTS, type SubjectName } from './subjects.js';

/** One durable consumer as a service declares it; the stream, connection, prefix and ORM are filled in. */
export type ConsumerSpec<S extends SubjectName> = Pick<
  StartConsumerOptions<S>,
  'durable' | 'subjects' | 'handler' | 'concurrency'
>;

/** What a consumer module gets: `start` fills in the stream, connection, prefix and ORM. */
export interface ConsumerBase {
  start<S extends SubjectName>(spec: ConsumerSpec<S>): Promise<RunningConsumer>;
}
export type ConsumerFactory = (base: ConsumerBase) => Promise<RunningConsumer>;

/**
 * Declares one durable consumer for a service's `consumers` list. The subjects and the handler's
 * payload type are checked against each other here, so a list may mix consumers of any subjects.
 */
export const consumer =
  <S extends SubjectName>(spec: ConsumerSpec<S>): ConsumerFactory =>
  (base) =>
    base.start(spec);

export interface MessagingOptions {
  orm: MikroORM;
  natsUrl: string;
  streamName: string;
  /** Namespaces every subject, so tests on a shared NATS server never claim the real subjects. */
  subjectPrefix?: string;
  /** Copies of the stream when this service creates it (3 in a three-node cluster). */
  streamReplicas?: number;
  /** Started at once; more can be started later with `consume`. */
  consumers?: ConsumerFactory[];
  /** Set false when this service writes no events: no outbox polling then. */
  relay?: boolean;
  /** Client name the NATS server shows for this connection (monitoring). */
  connectionName?: string;
  logger?: EventsLogger;
  /** Told of every event published and consumed (metrics). */
  observer?: EventsObserver;
  /** Spans for every delivery (tracing). */
  tracer?: EventsTracer;
  /** Deliveries before dead-lettering and the delay between them, for every consumer (see `startConsumer`). */
  retry?: Pick<StartConsumerOptions<SubjectName>, 'maxDeliver' | 'backoffMs'>;
  /** How long settled outbox/inbox/dead-letter rows stay (pruned hourly); false: never pruned. */
  retention?: RetentionOptions | false;
}

/** A service's place on the event bus. */
export interface Messaging {
  /** The connection, for live signals sent outside the outbox and for readiness checks. */
  readonly nats: NatsHandles;
  /**
   * Starts these consumers; the handle stops just them (a service stops its consumers before the
   * parts they call), and `stop` stops any still running. On a failure the ones already started stop.
   */
  consume(consumers: ConsumerFactory[]): Promise<{ stop(): Promise<void> }>;
  /** Stops the consumers (waiting for running handlers), then the relay, then drains the connection. */
  stop(): Promise<void>;
}

/**
 * Everything a service needs on the event bus, in one call: connects to NATS, makes sure the stream
 * exists, relays the outbox and starts each consumer; `stop` undoes it all in reverse, and a
 * failed start undoes what it had done before throwing.
 */
export async function startMessaging(options: MessagingOptions): Promise<Messaging> {
  const { orm, streamName: stream, subjectPrefix, logger, observer } = options;
  const nats = await connectNats(
    options.natsUrl,
    options.connectionName ? { name: options.connectionName } : {},
    logger,
  );
  const running: RunningConsumer[] = [];
  let relay: { stop(): Promise<void> } | undefined;
  let pruning: NodeJS.Timeout | undefined;
  const base: ConsumerBase = {
    start: (spec) =>
      startConsumer({
        orm,
        js: nats.js,
        jsm: nats.jsm,
        stream,
        subjectPrefix,
        logger,
        observer,
        tracer: options.tracer,
        ...options.retry,
        ...spec,
      }),
  };
  const messaging: Messaging = {
    nats,
    async consume(consumers) {
      const group: RunningConsumer[] = [];
      const stopGroup = async () => {
        // Only those `stop` has not taken already: a consumer is stopped once.
        const mine = group.splice(0).filter((c) => running.includes(c));
        for (const c of mine) running.splice(running.indexOf(c), 1);
        await Promise.all(mine.map((c) => c.stop()));
      };
      try {
        for (const factory of consumers) {
          const started = await factory(base);
          group.push(started);
          running.push(started);
        }
      } catch (error) {
        await stopGroup();
        throw error;
      }
      return { stop: stopGroup };
    },
    async stop() {
      clearInterval(pruning);
      await Promise.all(running.splice(0).map((c) => c.stop()));
      await relay?.stop();
      relay = undefined;
      await nats.close();
    },
  };
  try {
    const subjects = STREAM_SUBJECTS.map((s) => (subjectPrefix ? `${subjectPrefix}.${s}` : s));
    await ensureStream(nats.jsm, { name: stream, subjects, replicas: options.streamReplicas });
    if (options.relay !== false) relay = startOutboxRelay({ orm, js: nats.js, subjectPrefix, logger, observer });
    await messaging.consume(options.consumers ?? []);
    const retention = options.retention;
    if (retention !== false) {
      const prune = () =>
        pruneSettled(orm, retention).catch((error) =>
          (logger ?? defaultLogger).warn('pruning settled events failed', { error: errorText(error) }),
        );
      pruning = setInterval(prune, 3600_000);
      pruning.unref();
    }
  } catch (error) {
    await messaging.stop();
    throw error;
  }
  return messaging;
}
