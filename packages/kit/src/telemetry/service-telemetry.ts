import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventsLogger, EventsObserver, Messaging } from '@qurbani/events';
import { ServiceMetrics, type Logger } from '@qurbani/telemetry';
import { Readiness } from './readiness.js';

/** A service's metrics and readiness, made by `runService` and served by its HTTP or operations server. */
export interface ServiceTelemetry {
  readonly metrics: ServiceMetrics;
  readonly readiness: Readiness;
}

/** The event bus's log lines as the service's JSON logs. */
export const eventsLogger = (log: Logger): EventsLogger => ({
  info: (message, context) => log.info(context ?? {}, message),
  warn: (message, context) => log.warn(context ?? {}, message),
  error: (message, context) => log.error(context ?? {}, message),
});

/** Reports the event bus's work into the service's metrics. */
export const eventsObserver = (metrics: ServiceMetrics): EventsObserver => ({
  consumed({ durable, subject, outcome, deliveryCount, seconds }) {
    metrics.eventsConsumed.inc({ durable, subject, outcome });
    if (deliveryCount > 1) metrics.eventsRedelivered.inc({ durable });
    if (outcome === 'dead_lettered') metrics.deadLetters.inc({ durable });
    metrics.eventHandlerDuration.observe({ durable }, seconds);
  },
  published: (subject) => metrics.eventsPublished.inc({ subject }),
});

/**
 * Readiness of the database, and the gauges read from it at scrape time: the outbox's backlog and
 * the age of its oldest unpublished row (a stuck relay), and dead letters not yet replayed.
 */
export function watchDatabase(telemetry: ServiceTelemetry, orm: MikroORM, withEvents: boolean): void {
  telemetry.readiness.add('database', () => orm.isConnected());
  if (!withEvents) return;
  const sql = (query: string) => orm.em.fork().execute<Record<string, unknown>[]>(query);
  telemetry.metrics.gaugeOnScrape('outbox_backlog', 'Outbox rows not yet published to NATS.', [], async () => {
    const [row] = await sql(`select count(*)::int as n from outbox_message where published_at is null`);
    return [{ value: Number(row?.n ?? 0) }];
  });
  telemetry.metrics.gaugeOnScrape(
    'outbox_oldest_age_seconds',
    'Age of the oldest unpublished outbox row (0 when none).',
    [],
    async () => {
      const [row] = await sql(
        `select coalesce(extract(epoch from now() - min(created_at)), 0)::float as age from outbox_message where published_at is null`,
      );
      return [{ value: Number(row?.age ?? 0) }];
    },
  );
  telemetry.metrics.gaugeOnScrape(
    'dead_letters_waiting',
    'Dead letters not yet replayed, by consumer.',
    ['durable'],
    async () =>
      (
        await sql(`select consumer, count(*)::int as n from dead_letter where replayed_at is null group by consumer`)
      ).map((row) => ({ labels: { durable: String(row.consumer) }, value: Number(row.n) })),
  );
}

/** Readiness of NATS, and each durable consumer's lag (events not yet delivered or not yet acknowledged). */
export function watchMessaging(
  telemetry: ServiceTelemetry,
  messaging: Messaging,
  stream: string,
  durables: ReadonlySet<string>,
): void {
  const { nc, jsm } = messaging.nats;
  telemetry.readiness.add('nats', async () => !nc.isClosed() && !nc.isDraining());
  telemetry.metrics.gaugeOnScrape(
    'consumer_lag',
    'Events waiting for a durable consumer: pending delivery plus delivered but unacknowledged.',
    ['durable'],
    async () =>
      Promise.all(
        [...durables].map(async (durable) => {
          const info = await jsm.consumers.info(stream, durable);
          return { labels: { durable }, value: info.num_pending + info.num_ack_pending };
        }),
      ),
  );
}
