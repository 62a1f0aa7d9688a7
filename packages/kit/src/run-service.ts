import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startMessaging, type ConsumerFactory, type EventsLogger, type Messaging } from '@qurbani/events';
import { loggerFor, ServiceMetrics, tracingFor } from '@qurbani/telemetry';
import { Lifecycle } from './lifecycle.js';
import { Readiness } from './telemetry/readiness.js';
import {
  eventsLogger,
  eventsObserver,
  watchDatabase,
  watchMessaging,
  type ServiceTelemetry,
} from './telemetry/service-telemetry.js';
import { createOrm } from './orm.js';
import type { DatabaseConfig, MessagingConfig } from './service-config.js';

/** What a service's `wire` gets: the open database and bus, and where to register its own cleanup. */
export interface ServiceContext {
  readonly orm: MikroORM;
  /** The bus; only for a service declared with `messaging` (throws otherwise). */
  readonly messaging: Messaging;
  /** `life.defer(name, close)` for what `wire` starts (clients, timers): closed after HTTP and consumers stop. */
  readonly life: Lifecycle;
  /** Its metrics (add the service's own) and readiness (add a check per dependency it opens, e.g. Redis). */
  readonly telemetry: ServiceTelemetry;
}

/** What `wire` returns; a service may add more (its schema, routes). */
export interface ServiceParts {
  /** Durable consumers, started once the service's parts exist (declare each with `consumer({...})`). */
  consumers?: ConsumerFactory[];
}

export interface ServiceDefinition<P extends ServiceParts> {
  /** Also the NATS connection's name, as the server's monitoring shows it. */
  name: string;
  database: DatabaseConfig & { entities: Constructor[]; migrations: MigrationObject[]; poolMax?: number };
  /** Omitted for a service that neither writes nor reads events. */
  messaging?: MessagingConfig & {
    /** false when the service writes no events: no outbox polling then. */
    relay?: boolean;
    logger?: EventsLogger;
  };
  /** Builds the service's own parts (its services, consumers, routes) once the database and the bus are up. */
  wire(context: ServiceContext): Promise<P> | P;
}

export interface RunningService<P extends ServiceParts> {
  readonly orm: MikroORM;
  /** As in {@link ServiceContext}. */
  readonly messaging: Messaging;
  readonly parts: P;
  /** Open the service's last step (HTTP) with `life.open`, so it closes first. */
  readonly life: Lifecycle;
  readonly telemetry: ServiceTelemetry;
  /** Stops in reverse order of start; see {@link runService}. */
  close(): Promise<void>;
}

/**
 * Starts a service in order: database (with its migrations), bus (stream, outbox relay), the
 * service's own parts, then its consumers. `close` stops them in reverse: consumers (waiting for
 * running handlers), the parts, the relay and connection, the database. When a step fails, what
 * was opened before it is closed and the error is thrown.
 */
export async function runService<P extends ServiceParts>(definition: ServiceDefinition<P>): Promise<RunningService<P>> {
  const life = new Lifecycle();
  const telemetry: ServiceTelemetry = { metrics: new ServiceMetrics(definition.name), readiness: new Readiness() };
  // Deferred first, so it runs last: spans of the shutdown itself are exported too.
  const tracing = tracingFor(definition.name);
  if (tracing.on) life.defer('tracing', () => tracing.flush());
  const { entities, migrations, poolMax, baseUrl, dbName, onQuery, migrateOnStart, namedStatements } =
    definition.database;
  const orm = await life.open(
    'database',
    () =>
      createOrm({ baseUrl, dbName, entities, migrations, onQuery, poolMax, namedStatements, migrate: migrateOnStart }),
    (db) => db.close(),
  );
  const bus = definition.messaging;
  watchDatabase(telemetry, orm, Boolean(bus));
  const messaging = bus
    ? await life.open(
        'messaging',
        () =>
          startMessaging({
            orm,
            natsUrl: bus.natsUrl,
            streamName: bus.streamName,
            subjectPrefix: bus.subjectPrefix,
            streamReplicas: bus.streamReplicas,
            relay: bus.relay,
            logger: bus.logger ?? eventsLogger(loggerFor(definition.name)),
            observer: eventsObserver(telemetry.metrics),
            tracer: tracing,
            retry: bus.eventRetry,
            connectionName: definition.name,
          }),
        (m) => m.stop(),
      )
    : undefined;
  const durables = new Set<string>();
  if (messaging) watchMessaging(telemetry, messaging, bus!.streamName, durables);
  const context: ServiceContext = {
    orm,
    life,
    telemetry,
    get messaging(): Messaging {
      if (!messaging) throw new Error(`${definition.name} was declared without messaging`);
      return messaging;
    },
  };
  const parts = await life.open(
    'parts',
    async () => definition.wire(context),
    () => undefined,
  );
  const consumers = parts.consumers ?? [];
  if (consumers.length) {
    if (!messaging) {
      await life.close();
      throw new Error(`${definition.name} declares consumers but no messaging`);
    }
    await life.open(
      'consumers',
      () =>
        messaging.consume(
          consumers.map(
            (start) => (base) =>
              start({
                start: (spec) => {
                  durables.add(spec.durable);
                  return base.start(spec);
                },
              }),
          ),
        ),
      (running) => running.stop(),
    );
  }
  return {
    orm,
    parts,
    life,
    telemetry,
    get messaging() {
      return context.messaging;
    },
    close: () => life.close(),
  };
}
