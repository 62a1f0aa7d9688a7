import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) for API requests: the goals are p95 < 0.2-0.5 s. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2.5, 5, 10];

/** At most this many distinct operation names are labelled; the rest count as "other" (clients choose names). */
const MAX_OPERATION_NAMES = 300;

/**
 * One service's Prometheus metrics, in its own registry (tests run several services in one
 * process; each `/metrics` shows its own). Every series carries `service`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpInFlight: Gauge;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  readonly graphqlDuration: Histogram<'operation' | 'type'>;
  readonly eventsConsumed: Counter<'durable' | 'subject' | 'outcome'>;
  readonly eventsRedelivered: Counter<'durable'>;
  readonly eventHandlerDuration: Histogram<'durable'>;
  readonly deadLetters: Counter<'durable'>;
  readonly eventsPublished: Counter<'subject'>;
  private readonly operationNames = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpInFlight = new Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests being answered.',
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request.',
      labelNames: ['method', 'route'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.graphqlOperations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations, by name, type and outcome (ok, error).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to execute a GraphQL operation.',
      labelNames: ['operation', 'type'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events handled by a durable consumer, by outcome (handled, duplicate, retried, dead_lettered).',
      labelNames: ['durable', 'subject', 'outcome'],
      registers,
    });
    this.eventsRedelivered = new Counter({
      name: 'events_redelivered_total',
      help: 'Deliveries of an event after its first.',
      labelNames: ['durable'],
      registers,
    });
    this.eventHandlerDuration = new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Time to handle one event, transaction included.',
      labelNames: ['durable'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'dead_letters_total',
      help: 'Events given up on and stored as dead letters.',
      labelNames: ['durable'],
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Outbox events relayed to NATS.',
      labelNames: ['subject'],
      registers,
    });
  }

  /** A label value for a client-chosen operation name that cannot grow the series without bound. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES || name.length > 80) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** A counter of the service's own (upload bytes...), in its registry with the `service` label. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  /**
   * A gauge read at scrape time (outbox backlog, consumer lag): `read` is called on each scrape,
   * and a failing read leaves the series out rather than failing the whole scrape.
   */
  gaugeOnScrape<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () => Promise<Array<{ labels?: Partial<Record<L, string>>; value: number }>>,
  ): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const values = await read().catch(() => []);
        for (const { labels, value } of values) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }
}
