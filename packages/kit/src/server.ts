import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  graphqlMetricsPlugin,
  httpMetrics,
  loggerFor,
  metricsRoute,
  httpTracing,
  REQUEST_ID_HEADER,
  requestIdFrom,
  tracingFor,
} from '@qurbani/telemetry';
import type { SubgraphContext } from './context.js';
import { ErrorCode, formatError } from './errors.js';
import { gatewayOnly, gatewayOrigin } from './gateway-only.js';
import { GRAPHQL_PATH } from './http-contract.js';
import { jsonErrors } from './json-errors.js';
import { listen } from './listen.js';
import { Loaders } from './loaders.js';
import type { ServiceTelemetry } from './telemetry/service-telemetry.js';

export interface SubgraphOptions {
  name: string;
  port: number;
  host?: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  internalSecret: string;
  /** Served at /metrics and /health/ready. */
  telemetry: ServiceTelemetry;
  /** Dead-letter replay for the operations API (see `deadLetterResolver`). */
  deadLetters?: SubgraphContext['deadLetters'];
  /** Extra routes (uploads, webhooks) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
}

export interface RunningSubgraph {
  readonly name: string;
  readonly url: string;
  readonly orm: MikroORM;
  /** GraphQL requests served (tests count calls per plan step), and every HTTP request received. */
  readonly stats: { requests: number; received: number };
  close(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP: GraphQL at /graphql for the gateway only, plus /health/live,
 * /health/ready and /metrics (Prometheus; keep the port off the public network, like the subgraph
 * itself). `close` flips readiness first, then stops serving; the ORM is its owner's (see `startSubgraph`).
 */
export async function serveSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  const app = express();
  // Only the gateway calls a subgraph, and never revalidates: no ETag (a SHA-1 of every GraphQL answer).
  app.set('etag', false);
  // The gateway reuses idle connections: Node's 5 s default closed them while a request was on its way
  // (ECONNRESET under load). Its agent honours the Keep-Alive hint, so it drops them first now.
  const httpServer = http.createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, app);
  const stats = { requests: 0, received: 0 };
  const { metrics, readiness } = options.telemetry;
  app.use(httpMetrics(metrics, loggerFor(options.name)));
  const tracing = tracingFor(options.name);
  if (tracing.on) app.use(httpTracing(tracing));
  httpServer.on('request', () => {
    stats.received++;
  });
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // On by default, it wraps every field resolver to collect cache hints no one reads (the gateway
      // sends no Cache-Control and no schema declares @cacheControl): 5-10% of a subgraph request.
      ApolloServerPluginCacheControlDisabled(),
      graphqlMetricsPlugin(metrics, loggerFor(options.name)),
    ],
  });
  await apollo.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const { ok, status, checks } = await readiness.report();
    res.status(ok ? 200 : 503).json({ status, subgraph: options.name, checks });
  });
  app.get('/metrics', metricsRoute(metrics));
  options.routes?.(app);

  const postOnly: RequestHandler = (req, res, next) => {
    if (req.method === 'POST') return next();
    res
      .status(405)
      .set('Allow', 'POST')
      .json({
        errors: [
          { message: 'This service only answers the gateway.', extensions: { code: ErrorCode.Unauthenticated } },
        ],
      });
  };
  const countRequest: RequestHandler = (_req, _res, next) => {
    stats.requests++;
    next();
  };
  app.use(
    GRAPHQL_PATH,
    postOnly,
    gatewayOnly(options.internalSecret),
    countRequest,
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const { viewer, ip } = gatewayOrigin(req);
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        const { deadLetters } = options;
        return { viewer, clientIp: ip, requestId, deadLetters, em: options.orm.em.fork(), loaders: new Loaders() };
      },
    }),
  );

  app.use(jsonErrors);

  await listen(httpServer, options.port, options.host ?? '127.0.0.1').catch(async (error) => {
    await apollo.stop().catch(() => undefined);
    throw error;
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    name: options.name,
    url: `http://127.0.0.1:${port}${GRAPHQL_PATH}`,
    orm: options.orm,
    stats,
    async close() {
      readiness.drain();
      await apollo.stop();
    },
  };
}
