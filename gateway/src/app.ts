import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { formatError, isPlainGraphqlCall, jsonErrors, Replicas, runChain, type NodeMiddleware } from '@qurbani/kit';
import { graphqlMetricsPlugin, httpMetrics, loggerFor } from '@qurbani/telemetry';
import express from 'express';
import { Redis } from 'ioredis';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import proxyaddr from 'proxy-addr';
import { RevokedSessions } from './auth/revoked-sessions.js';
import { mountTrackRoute } from './track-route.js';
import {
  gatewayTelemetry,
  gatewayTracing,
  requestIdOf,
  requestIds,
  startOperationsServer,
  watchLive,
  watchPlans,
} from './telemetry.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { mountDashboardPage } from './dashboard-page.js';
import { mountProofPage } from './proof-page.js';
import { mountDeliveryPhotoProxy } from './delivery-photo-proxy.js';
import { mountDocumentsRoute } from './documents-route.js';
import { mountSiteReportRoute } from './site-report-route.js';
import { mountExportsRoute } from './exports-route.js';
import { mountImportsRoute } from './imports-route.js';
import { mountHealth, watchSubgraphs } from './health.js';
import { httpLimits, parseBounded } from './limits.js';
import { liveAwareGateway, subscriptionsOverWebSocketOnly } from './live/live-schema.js';
import { LiveServer } from './live/live-server.js';
import { isPositionReport, positionsRoute } from './live/positions-route.js';
import { mountWebhookProxy } from './payments-webhook-proxy.js';
import { DEFAULT_RATE_LIMITS, RateLimits } from './perimeter/rate-limits.js';
import { refuseUnsafeTargets } from './perimeter/request-target.js';
import { watchReplicas } from './replicas.js';
import { securityHeaders } from './perimeter/security-headers.js';
import { singleAuthField } from './perimeter/single-auth-field.js';
import { ViewerTokens } from './auth/viewer-tokens.js';
import { gatewayGraphqlRoute } from './graphql-route.js';
import { cachedRequestViewer, requestViewer } from './request-viewer.js';
import { mountUploadsProxy } from './uploads-proxy.js';
import { ViewerDataSource } from './viewer-data-source.js';
import { PlanExecutor } from './plan/plan-executor.js';
import { plainQueries } from './plan/plain-queries.js';

export type { GatewayConfig } from './config.js';

export interface RunningGateway {
  readonly url: string;
  readonly httpServer: http.Server;
  /** The graphql-ws side: subscriptions and their counters. */
  readonly live: LiveServer;
  /** Base URL of /metrics and /health/* when `metricsPort` is set. */
  readonly operationsUrl?: string;
  close(): Promise<void>;
}

/** The one public entry point: verifies tokens, plans queries over the subgraphs, serves GraphiQL. */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // Auto-pipelining: the revocation checks of many live subscribers go out in one write.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const revoked = new RevokedSessions(redis, config.redisPrefix);
  const subgraphs: Record<string, Replicas> = {};
  const subgraphUrl = (name: string) => subgraphs[name]?.next();
  const dataSources: Record<string, ViewerDataSource> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) => {
      subgraphs[name] = new Replicas([config.subgraphUrls?.[name] ?? url!].flat());
      return (dataSources[name] = new ViewerDataSource(subgraphs[name]));
    },
  });
  let planExecutor: PlanExecutor | undefined;
  const ownExecutor = (apollos: GatewayExecutor) => {
    if (config.planExecutor === 'apollo') return apollos;
    planExecutor = new PlanExecutor(config.supergraphSdl, dataSources, apollos, { traced: tracing.on });
    return planExecutor.execute;
  };

  const production = config.production ?? false;
  const limits = new RateLimits(redis, config.redisPrefix, { ...DEFAULT_RATE_LIMITS, ...config.rateLimits });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ?? 'loopback');
  const telemetry = gatewayTelemetry(redis);
  const requestMetrics = config.requestMetrics !== false;
  const { tracing, middleware: tracingMiddleware } = gatewayTracing();
  // Every request passes the perimeter first; then JSON GraphQL calls take their own route, the rest Express.
  const perimeter: NodeMiddleware[] = [
    refuseUnsafeTargets,
    ...(requestMetrics ? [httpMetrics(telemetry.metrics, loggerFor('gateway'))] : []),
    requestIds,
    ...tracingMiddleware,
    ...securityHeaders({ corsOrigins: config.corsOrigins ?? [], production }),
  ];
  const httpServer = http.createServer((req, res) =>
    runChain(perimeter, req, res, () => {
      if (isPlainGraphqlCall(req)) serveGraphql(req, res);
      else if (isPositionReport(req)) servePositions(req, res);
      else app(req, res);
    }),
  );
  const armor = httpLimits(production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: liveAwareGateway(gateway, ownExecutor),
    formatError,
    introspection: !production,
    validationRules: [...armor.validationRules, singleAuthField],
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      subscriptionsOverWebSocketOnly,
      ...(requestMetrics ? [graphqlMetricsPlugin(telemetry.metrics, loggerFor('gateway'))] : []),
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
    ],
  });
  // Subscriptions (graphql-ws, same port and path); must follow the gateway's schema from before start().
  // The same trust-proxy rule as `req.ip`, or every client behind a load balancer shares one budget.
  const clientIpOf = (request: http.IncomingMessage) => proxyaddr(request, app.get('trust proxy fn'));
  const live = new LiveServer({ httpServer, apollo, gateway, revoked, limits, clientIpOf, ...config, production });
  await apollo.start();
  // The gateway has loaded the supergraph: its subgraphs are known.
  watchSubgraphs(telemetry.readiness, subgraphs);
  const stopWatchingReplicas = watchReplicas(subgraphs);
  await live.listen();
  watchLive(telemetry, live);
  watchPlans(
    telemetry,
    () => planExecutor?.runs ?? { own: 0, apollo: 0 },
    () => plainAnswers,
  );

  mountHealth(app, telemetry.readiness);
  mountDashboardPage(app);
  mountProofPage(app);
  mountExportsRoute(app, {
    subgraphUrl,
    internalSecret: config.internalSecret,
    viewerOf: (auth) => requestViewer(auth, config.accessTokenSecret, revoked),
    limit: (viewer) => limits.consume('account', viewer.id),
  });
  mountImportsRoute(app, {
    subgraphUrl,
    internalSecret: config.internalSecret,
    viewerOf: (auth) => requestViewer(auth, config.accessTokenSecret, revoked),
    limit: (viewer) => limits.consume('account', viewer.id),
  });
  mountSiteReportRoute(app, {
    graphqlUrl: () => `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`,
    viewerOf: (auth) => requestViewer(auth, config.accessTokenSecret, revoked),
    limit: (viewer) => limits.consume('account', viewer.id),
    charityName: config.charityName ?? 'Qurbani charity',
  });
  mountDocumentsRoute(app, {
    subgraphUrl,
    internalSecret: config.internalSecret,
    limit: (ip) => limits.consume('anonymous', ip),
  });
  mountUploadsProxy(app, {
    video: () => subgraphs.video,
    internalSecret: config.internalSecret,
    viewerOf: (auth) => requestViewer(auth, config.accessTokenSecret, revoked),
    limit: (viewer) => limits.consume('uploads', viewer.id),
  });
  mountDeliveryPhotoProxy(app, {
    deliveryUrl: () => subgraphUrl('delivery'),
    internalSecret: config.internalSecret,
    viewerOf: (auth) => requestViewer(auth, config.accessTokenSecret, revoked),
    limit: (viewer) => limits.consume('uploads', viewer.id),
  });
  mountTrackRoute(app, {
    deliveryUrl: () => subgraphUrl('delivery'),
    internalSecret: config.internalSecret,
    limit: (ip) => limits.consume('anonymous', ip),
  });
  mountWebhookProxy(app, {
    donorUrl: () => subgraphUrl('donor'),
    internalSecret: config.internalSecret,
    limit: (ip) => limits.consume('anonymous', ip),
  });
  // Sign-outs reach every replica at once over Redis (the live server follows them); a lookup missed
  // while that connection is down is repeated after at most a quarter of a second.
  const graphqlViewer = cachedRequestViewer(config.accessTokenSecret, live.revocations);
  const viewerTokens = new ViewerTokens(config.internalSecret);
  const graphqlContext = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<GatewayContext> => {
    const viewer = await graphqlViewer(req.headers.authorization);
    const ip = clientIpOf(req);
    // Refused before the document is parsed or planned: the cheapest place to say no.
    await (viewer ? limits.consume('account', viewer.id) : limits.consume('anonymous', ip ?? 'unknown'));
    return { viewer, viewerToken: viewerTokens.tokenFor(viewer, { ip }), requestId: requestIdOf(res) };
  };
  // Requests reach it only once the server listens, below.
  let plainAnswers = 0;
  const plainQuery =
    config.planExecutor === 'apollo'
      ? undefined
      : plainQueries({
          executor: () => planExecutor,
          schema: () => live.schema,
          parse: parseBounded,
          validationRules: [...armor.validationRules, singleAuthField],
          formatError,
          hideSuggestions: production,
          answered: () => plainAnswers++,
          ...(requestMetrics ? { metrics: telemetry.metrics, log: loggerFor('gateway') } : {}),
        });
  const serveGraphql = gatewayGraphqlRoute(apollo, graphqlContext, plainQuery);
  const servePositions = positionsRoute({
    deliveryUrl: () => subgraphUrl('delivery'),
    revocations: live.revocations,
    limit: (viewer) => limits.consume('positions', viewer.id),
    ...config,
  });
  const explorer = config.explorer ?? !production;
  app.use(
    '/graphql',
    // Loaded only when served: its assets take about 32 MB of the gateway's heap.
    ...(explorer ? [(await import('./graphiql.js')).graphiql] : []),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req, res }) => graphqlContext(req, res) }),
  );
  app.use(jsonErrors);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host ?? '0.0.0.0', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const operations =
    config.metricsPort === undefined
      ? undefined
      : await startOperationsServer(telemetry, config.metricsPort, config.metricsHost);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    operationsUrl: operations?.url,
    httpServer,
    live,
    async close() {
      stopWatchingReplicas();
      await operations?.close();
      await live.close();
      await apollo.stop();
      redis.disconnect();
      await tracing.flush();
    },
  };
}
