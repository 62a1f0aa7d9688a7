import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type express from 'express';
import { replayDeadLetter, type DeadLetter } from '@qurbani/events';
import type { GraphQLSchema } from 'graphql';
import { audit, type AuditActor, type AuditEntry } from './audit/audit-chain.js';
import { runService, type ServiceDefinition, type ServiceParts } from './run-service.js';
import { serveSubgraph, type RunningSubgraph } from './server.js';
import type { SubgraphConfig } from './service-config.js';

/** What a subgraph's `wire` returns: its schema, and its consumers and extra routes if any. */
export interface SubgraphParts extends ServiceParts {
  schema: GraphQLSchema;
  /** Extra routes (uploads, position reports) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
}

export interface SubgraphDefinition<P extends SubgraphParts> extends Pick<
  ServiceDefinition<P>,
  'name' | 'messaging' | 'wire'
> {
  entities: Constructor[];
  migrations: MigrationObject[];
}

/**
 * Starts a subgraph: database and migrations, bus, its own parts, consumers (see `runService`),
 * then GraphQL over HTTP. `close` stops serving first, then the rest in reverse.
 */
export async function startSubgraph<P extends SubgraphParts>(
  config: SubgraphConfig,
  definition: SubgraphDefinition<P>,
): Promise<RunningSubgraph> {
  const { name, entities, migrations, messaging, wire } = definition;
  const service = await runService({ name, database: { ...config, entities, migrations }, messaging, wire });
  const http = await service.life.open(
    'http',
    () =>
      serveSubgraph({
        name,
        port: config.port,
        host: config.host,
        schema: service.parts.schema,
        routes: service.parts.routes,
        orm: service.orm,
        internalSecret: config.internalSecret,
        telemetry: service.telemetry,
        deadLetters: messaging
          ? {
              replay: (id: string, actor: AuditActor) =>
                replayDeadLetter(service.orm, service.messaging.nats.js, id, {
                  subjectPrefix: messaging.subjectPrefix,
                  onClaimed: (tx, row) => audit(tx, name, actor, deadLetterEntry('dead-letter.replayed', row)),
                  onUndone: (tx, row) => audit(tx, name, actor, deadLetterEntry('dead-letter.replay-failed', row)),
                }),
            }
          : undefined,
      }),
    (served) => served.close(),
  );
  return { name, url: http.url, orm: service.orm, stats: http.stats, close: () => service.close() };
}

/** A replay's record: the dead letter and its subject, never its payload (it may carry what an event carries). */
const deadLetterEntry = (action: string, row: DeadLetter): AuditEntry => ({
  action,
  entityType: 'DeadLetter',
  entityIds: [row.id],
  after: { subject: row.subject, consumer: row.consumer },
});
