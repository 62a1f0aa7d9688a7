import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDurable } from './consumer-setup.js';
import { POISON_PREFIX, recordDeadLetter, type DeadLetterRecord } from './dead-letters.js';
import { InboxMessage } from './entities/inbox-message.js';
import { eventIdOf, TRACEPARENT_HEADER } from './headers.js';
import { defaultLogger, errorText, type EventsLogger } from './logger.js';
import { silentObserver, type ConsumeOutcome, type EventsObserver, type EventsTracer } from './observer.js';
import { Semaphore } from './semaphore.js';
import { subjectMatches } from './subject-match.js';
import { logicalSubject, wireSubject } from './subject-prefix.js';
import type { EventPayloads, SubjectName } from './subjects.js';

/** Delivery facts passed to a handler. */
export interface DeliveryMeta<S extends SubjectName = SubjectName> {
  subject: S;
  /** Logical event id (outbox id); stable across redeliveries and replays. */
  messageId: string;
  /** 1 on first delivery. */
  deliveryCount: number;
}

/**
 * Handles one event inside the transaction that also records it in the inbox: everything done
 * through `em` commits only if the handler resolves. Throw to have the event retried.
 */
export type EventHandler<S extends SubjectName = SubjectName> = (
  em: EntityManager,
  payload: EventPayloads[S],
  meta: DeliveryMeta<S>,
) => Promise<void>;

/** Options of {@link startConsumer}. */
export interface StartConsumerOptions<S extends SubjectName> {
  orm: MikroORM;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  /** Durable consumer name; also the inbox / dead-letter `consumer` column. One per subgraph and purpose. */
  durable: string;
  /** Subjects this consumer handles (must lie inside the stream's subjects). */
  subjects: readonly S[];
  handler: EventHandler<S>;
  /** Deliveries before the event is dead-lettered (default 8). */
  maxDeliver?: number;
  /** Redelivery delay after failed delivery n (1-based); default 1 s doubling, capped at 60 s. */
  backoffMs?: (deliveryCount: number) => number;
  /** Events handled at once (default 4). */
  concurrency?: number;
  /** Server redelivers an unacked event after this; extended while the handler runs (default 30 s). */
  ackWaitMs?: number;
  /** Namespace the relay publishes under, if any (see `OutboxRelayOptions.subjectPrefix`). */
  subjectPrefix?: string;
  logger?: EventsLogger;
  /** Told how each delivery ended (metrics). */
  observer?: EventsObserver;
  /** Runs each delivery in a span continuing the event's `traceparent` header (when on). */
  tracer?: EventsTracer;
}

/** Handle of a running consumer. */
export interface RunningConsumer {
  /** Stops fetching, hands unstarted buffered events back, and waits for running handlers. */
  stop(): Promise<void>;
}

/** Default redelivery delay: 1 s, 2 s, 4 s ... capped at 60 s. */
export const defaultBackoffMs = (deliveryCount: number) => Math.min(1000 * 2 ** (deliveryCount - 1), 60_000);

/** Builds a handler that dispatches on subject, each branch typed with its own payload. */
export function bySubject<S extends SubjectName>(handlers: { [K in S]: EventHandler<K> }): EventHandler<S> {
  return (em, payload, meta) => (handlers[meta.subject] as EventHandler<S>)(em, payload, meta);
}

/**
 * Runs a durable pull consumer with explicit acks. Each event is handled at most once per durable
 * (inbox row in the handler's transaction), retried with backoff via `nak(delay)` on failure, and
 * written to `dead_letter` then terminated after `maxDeliver` failed deliveries. Events whose
 * body is not JSON are dead-lettered at once.
 */
export async function startConsumer<S extends SubjectName>(options: StartConsumerOptions<S>): Promise<RunningConsumer> {
  const { orm, js, stream, durable, handler } = options;
  const maxDeliver = options.maxDeliver ?? 8;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const concurrency = options.concurrency ?? 4;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const logger = options.logger ?? defaultLogger;
  const observer = options.observer ?? silentObserver;
  const filters = options.subjects.map((s) => wireSubject(options.subjectPrefix, s));

  const { serverFiltered } = await ensureDurable(
    options.jsm,
    // Two deliveries of slack: a process that dies mid-handler on the last attempt still gets
    // a redelivery to dead-letter on, instead of the server silently giving up.
    { stream, durable, subjects: filters, maxDeliver: maxDeliver + 2, ackWaitMs },
    logger,
  );
  const wanted = (subject: string) => serverFiltered || filters.some((f) => subjectMatches(f, subject));

  const deadLetter = async (msg: JsMsg, record: DeadLetterRecord): Promise<ConsumeOutcome> => {
    try {
      await orm.em.fork().transactional((em) => recordDeadLetter(em, record));
    } catch (error) {
      // Never term an event whose dead letter was not stored: retry it instead.
      logger.error('could not store dead letter; event will be redelivered', {
        durable,
        messageId: record.messageId,
        error: errorText(error),
      });
      msg.nak(backoffMs(record.deliveries));
      return 'retried';
    }
    logger.warn('event dead-lettered', {
      durable,
      subject: record.subject,
      messageId: record.messageId,
      error: record.error,
    });
    // term() without a reason: "+TERM <reason>" is newer than nats-server 2.9.
    msg.term();
    return 'dead_lettered';
  };

  const handle = async (msg: JsMsg): Promise<ConsumeOutcome | null> => {
    if (!wanted(msg.subject)) {
      msg.ack();
      return null;
    }
    const subject = logicalSubject(options.subjectPrefix, msg.subject) as S;
    const messageId = eventIdOf(msg);
    const deliveryCount = msg.info.deliveryCount;
    const base = { consumer: durable, subject, messageId, deliveries: deliveryCount };

    let payload: EventPayloads[S];
    try {
      payload = msg.json<EventPayloads[S]>();
    } catch (error) {
      // Redelivering cannot fix a body that is not JSON.
      return deadLetter(msg, { ...base, payload: { raw: msg.string() }, error: POISON_PREFIX + errorText(error) });
    }

    // Keeps the server from redelivering to another worker while a slow handler still runs.
    const keepAlive = setInterval(() => msg.working(), Math.max(ackWaitMs / 3, 100));
    let duplicate = false;
    try {
      await orm.em.fork().transactional(async (em) => {
        const inserted = await em
          .createQueryBuilder(InboxMessage)
          .insert({ consumer: durable, messageId, processedAt: new Date() })
          .onConflict(['consumer', 'messageId'])
          .ignore()
          .execute('run');
        // Already handled (a redelivery after a lost ack, or a republish): skip, just ack.
        if (inserted.affectedRows === 0) {
          duplicate = true;
          return;
        }
        await handler(em, payload, { subject, messageId, deliveryCount });
      });
    } catch (error) {
      clearInterval(keepAlive);
      if (deliveryCount >= maxDeliver) return deadLetter(msg, { ...base, payload, error: errorText(error) });
      logger.warn('handler failed; event will be redelivered', {
        durable,
        subject,
        messageId,
        deliveryCount,
        error: errorText(error),
      });
      // An explicit delay: nats-server 2.9 redelivers a plain nak() at once, ignoring backoff.
      msg.nak(backoffMs(deliveryCount));
      return 'retried';
    }
    clearInterval(keepAlive);
    msg.ack();
    return duplicate ? 'duplicate' : 'handled';
  };

  const tracer = options.tracer?.on ? options.tracer : null;
  const handleTraced = (msg: JsMsg) =>
    tracer
      ? tracer.span(`consume ${logicalSubject(options.subjectPrefix, msg.subject)}`, () => handle(msg), {
          parent: msg.headers?.get(TRACEPARENT_HEADER) || null,
          kind: 'consumer',
          attributes: { 'messaging.consumer.group.name': durable, 'messaging.message.id': eventIdOf(msg) },
        })
      : handle(msg);

  const handleObserved = async (msg: JsMsg) => {
    const started = process.hrtime.bigint();
    const outcome = await handleTraced(msg);
    if (outcome)
      observer.consumed({
        durable,
        subject: logicalSubject(options.subjectPrefix, msg.subject),
        outcome,
        deliveryCount: msg.info.deliveryCount,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
  };

  let stopping = false;
  const stopped = new AbortController();
  let messages: ConsumerMessages | undefined;
  const slots = new Semaphore(concurrency);
  const inflight = new Set<Promise<void>>();

  const consumeOnce = async () => {
    const consumer = await js.consumers.get(stream, durable);
    // Pulls of 5 s (heartbeats every 2.5 s) rather than the default 30 s: when the consumer's leader
    // dies in a cluster, two missed heartbeats restart the pull within ~5 s instead of ~30-50 s
    // (measured by e2e/test/operations/nats-cluster-faults.test.ts); idle, it is one request per 5 s.
    messages = await consumer.consume({ max_messages: concurrency, expires: 5000 });
    if (stopping) messages.stop();
    for await (const msg of messages) {
      await slots.acquire();
      if (stopping) {
        // Hand it back now rather than leaving it to time out after ack_wait.
        msg.nak();
        slots.release();
        continue;
      }
      const task = handleObserved(msg)
        .catch((error) => logger.error('event handling crashed', { durable, error: errorText(error) }))
        .finally(() => {
          slots.release();
          inflight.delete(task);
        });
      inflight.add(task);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        await consumeOnce();
      } catch (error) {
        logger.error('consumer stopped unexpectedly; restarting', { durable, error: errorText(error) });
      }
      // The iterator only ends by itself on errors such as a deleted consumer: pause, then retry.
      if (!stopping) await sleep(1000, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  })();

  return {
    async stop() {
      stopping = true;
      stopped.abort();
      await messages?.close();
      await loop;
      await Promise.all(inflight);
    },
  };
}
