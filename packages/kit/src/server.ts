import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
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
import { compiledQueries } from './compiled-queries.js';
import { ErrorCode, formatError } from './errors.js';
import { graphqlRoute } from './graphql-route.js';
import { GRAPHQL_PATH } from './http-contract.js';
import { answerRequestError, jsonErrors } from './json-errors.js';
import { listen } from './listen.js';
import { isPlainGraphqlCall, runChain } from './node-graphql.js';
import { RequestContext } from './request-context.js';
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
  // Every request is counted and traced; the gateway's GraphQL calls then skip Express (graphql-route.ts).
  const { metrics, readiness } = options.telemetry;
  const tracing = tracingFor(options.name);
  const front = [httpMetrics(metrics, loggerFor(options.name)), ...(tracing.on ? [httpTracing(tracing)] : [])];
  // The gateway reuses idle connections: Node's 5 s default closed them while a request was on its way
  // (ECONNRESET under load). Its agent honours the Keep-Alive hint, so it drops them first now.
  const httpServer = http.createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, (req, res) =>
    runChain(front, req, res, () => (isPlainGraphqlCall(req) ? serveGraphql(req, res) : app(req, res))),
  );
  const stats = { requests: 0, received: 0 };
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
  const graphql = graphqlRoute({
    apollo,
    internalSecret: options.internalSecret,
    onRequest: () => stats.requests++,
    compiled: compiledQueries({ schema: options.schema, formatError, metrics, log: loggerFor(options.name) }),
    context: ({ viewer, ip }, req) =>
      new RequestContext(options.orm, {
        viewer,
        clientIp: ip,
        requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
        deadLetters: options.deadLetters,
      }),
  });
  const serveGraphql = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // The metrics' route label: Express sets it on its own routes.
    Object.assign(req, { baseUrl: GRAPHQL_PATH });
    graphql(req, res).catch((error: unknown) => answerRequestError(error, res));
  };
  // `/graphql/` or `/graphql?...` (and multipart uploads): the same handler, reached through Express.
  app.use(GRAPHQL_PATH, postOnly, serveGraphql);

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
