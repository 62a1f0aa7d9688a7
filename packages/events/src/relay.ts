import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { OutboxMessage } from './entities/outbox-message.js';
import { TRACEPARENT_HEADER } from './headers.js';
import { isLiveSubject } from './live-subjects.js';
import { onOutboxCommit } from './outbox-wake.js';
import { defaultLogger, errorText, type EventsLogger } from './logger.js';
import type { EventsObserver } from './observer.js';
import { wireSubject } from './subject-prefix.js';

/** The first retry after a failed publish; each further failure doubles it, up to `maxRetryDelayMs`. */
const RETRY_BASE_MS = 100;

/** Options of {@link startOutboxRelay}. */
export interface OutboxRelayOptions {
  orm: MikroORM;
  js: JetStreamClient;
  /** Core connection for live signals (`live.*` rows); defaults to the one `js` was made from. */
  nc?: NatsConnection;
  /**
   * Delay between scans when the outbox is idle (default 1000 ms). A commit of this process that
   * wrote outbox rows starts a scan at once; the idle scan is for rows other processes wrote.
   */
  pollMs?: number;
  /** Rows claimed per transaction (default 100). */
  batch?: number;
  /** Ceiling of the delay between scans while publishing keeps failing (default 5000 ms). */
  maxRetryDelayMs?: number;
  /** Per-publish wait for the JetStream ack; rows stay locked meanwhile (default: the client's). */
  publishTimeoutMs?: number;
  /** Namespace prepended to every subject (`<prefix>.order.placed`); consumers must use the same. */
  subjectPrefix?: string;
  logger?: EventsLogger;
  /** Told of each row published (metrics). */
  observer?: EventsObserver;
}

/** Handle of a running relay. */
export interface OutboxRelay {
  /** Stops polling and waits for the batch in progress to commit. */
  stop(): Promise<void>;
  /** Publishes everything pending now; resolves with how many rows this call published. */
  flushNow(): Promise<number>;
}

interface DrainResult {
  published: number;
  failed: boolean;
}

/**
 * Publishes outbox rows to JetStream in id order, with `Nats-Msg-Id` = row id, and marks them
 * published. Safe to run in every replica: rows are claimed with `FOR UPDATE SKIP LOCKED`, and a
 * row published but not marked (crash before commit) is dropped by JetStream's duplicate window
 * when sent again. A failed publish leaves the row pending with its error, to be retried.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  const logger = options.logger ?? defaultLogger;
  // JetStreamClientImpl keeps the connection it was made from as a public `nc` field.
  const core = options.nc ?? (options.js as unknown as { nc?: NatsConnection }).nc;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let scanning = false;
  let wokenWhileScanning = false;
  // Scans are serialised within this process: a flushNow() during a timed scan queues behind it.
  let current: Promise<unknown> = Promise.resolve();

  const publishBatch = () =>
    options.orm.em.fork().transactional(async (em): Promise<DrainResult & { claimed: number }> => {
      const rows = await em.find(
        OutboxMessage,
        { publishedAt: null },
        { orderBy: { id: 'asc' }, limit: batch, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      let published = 0;
      for (const row of rows) {
        row.attempts += 1;
        try {
          const subject = wireSubject(options.subjectPrefix, row.subject);
          if (isLiveSubject(row.subject)) {
            // Live signals are core NATS (see live.ts): nothing to acknowledge, nothing retained.
            if (!core) throw new Error('no NATS connection for live signals');
            core.publish(subject, JSON.stringify(row.payload));
          } else {
            await options.js.publish(subject, JSON.stringify(row.payload), {
              msgID: row.id,
              ...(row.traceParent ? { headers: traceHeaders(row.traceParent) } : {}),
              ...(options.publishTimeoutMs ? { timeout: options.publishTimeoutMs } : {}),
            });
          }
        } catch (error) {
          row.lastError = errorText(error);
          logger.warn('outbox publish failed; row kept for retry', {
            id: row.id,
            subject: row.subject,
            error: row.lastError,
          });
          // Stop at the first failure: later rows would very likely fail the same way, and
          // stopping keeps this relay's publish order equal to enqueue order.
          return { claimed: rows.length, published, failed: true };
        }
        row.publishedAt = new Date();
        row.lastError = null;
        published += 1;
        options.observer?.published(row.subject);
      }
      return { claimed: rows.length, published, failed: false };
    });

  const drain = async (): Promise<DrainResult> => {
    let total = 0;
    for (;;) {
      const result = await publishBatch();
      total += result.published;
      if (result.failed) return { published: total, failed: true };
      if (result.claimed < batch) return { published: total, failed: false };
    }
  };

  const enqueueDrain = (): Promise<DrainResult> => {
    const run = current.catch(() => undefined).then(drain);
    current = run;
    return run;
  };

  const tick = async () => {
    if (stopped) return;
    scanning = true;
    wokenWhileScanning = false;
    try {
      const result = await enqueueDrain();
      failures = result.failed ? failures + 1 : 0;
    } catch (error) {
      failures += 1;
      logger.error('outbox relay scan failed', { error: errorText(error) });
    }
    scanning = false;
    if (stopped) return;
    const idle = wokenWhileScanning ? 0 : pollMs;
    const delay = failures === 0 ? idle : Math.min(RETRY_BASE_MS * 2 ** failures, maxRetryDelayMs);
    timer = setTimeout(tick, delay);
  };

  // A commit that wrote rows scans now; while publishing fails, the back-off decides instead.
  onOutboxCommit(options.orm, () => {
    if (stopped || failures > 0) return;
    if (scanning) {
      wokenWhileScanning = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(tick, 0);
  });

  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
    async flushNow() {
      return (await enqueueDrain()).published;
    },
  };
}

/** The trace the event was written in, for the consumers to continue. */
function traceHeaders(traceParent: string) {
  const h = headers();
  h.set(TRACEPARENT_HEADER, traceParent);
  return h;
}
