import { Readiness, serveOperations, type NodeMiddleware, type ServiceTelemetry } from '@qurbani/kit';
import {
  httpTracing,
  REQUEST_ID_HEADER,
  requestIdFrom,
  ServiceMetrics,
  tracingFor,
  type Tracing,
} from '@qurbani/telemetry';
import type { Redis } from 'ioredis';
import type { ServerResponse } from 'node:http';
import type { LiveServer } from './live/live-server.js';

/** The gateway's metrics and readiness: Redis (sessions, limits); the subgraphs join once known (health.ts). */
export function gatewayTelemetry(redis: Redis): ServiceTelemetry {
  const telemetry = { metrics: new ServiceMetrics('gateway'), readiness: new Readiness() };
  telemetry.readiness.add('redis', async () => (await redis.ping()) === 'PONG');
  return telemetry;
}

/** Live-side series, read at scrape time from the live server's counters. */
export function watchLive(telemetry: ServiceTelemetry, live: LiveServer): void {
  const stat = (key: 'followedSubjects' | 'signals' | 'delivered') => async () => [{ value: live.stats[key] }];
  const { metrics } = telemetry;
  metrics.gaugeOnScrape(
    'live_followed_subjects',
    'Live subjects this replica follows on NATS.',
    [],
    stat('followedSubjects'),
  );
  metrics.gaugeOnScrape(
    'live_signals_received',
    'Live signals received since start (a counter read at scrape).',
    [],
    stat('signals'),
  );
  metrics.gaugeOnScrape('live_events_delivered', 'Live events sent to subscribers since start.', [], stat('delivered'));
}

/** Query plans run since start by the gateway's own executor and by @apollo/gateway's (the fallback). */
export function watchPlans(
  telemetry: ServiceTelemetry,
  runs: () => { own: number; apollo: number },
  plainAnswers: () => number,
): void {
  telemetry.metrics.gaugeOnScrape(
    'query_plans_run',
    "Operations run since start, by executor: the gateway's own, or @apollo/gateway's for what it does not cover.",
    ['executor'],
    async () => Object.entries(runs()).map(([executor, value]) => ({ labels: { executor }, value })),
  );
  telemetry.metrics.gaugeOnScrape(
    'plain_queries_answered',
    "Queries answered since start by the gateway's plain-query route, without Apollo Server's request pipeline.",
    [],
    async () => [{ labels: {}, value: plainAnswers() }],
  );
}

/** Gives each request an id (the client's, when plain and short) and says it in the response. */
export const requestIds: NodeMiddleware = (req, res, next) => {
  res.setHeader(REQUEST_ID_HEADER, requestIdFrom(req.headers[REQUEST_ID_HEADER]));
  next();
};

/** The id `requestIds` gave the request. */
export const requestIdOf = (res: ServerResponse) => res.getHeader(REQUEST_ID_HEADER) as string;

/**
 * Traces when OTEL_EXPORTER_OTLP_ENDPOINT is set: a server span per request, and the gateway's
 * provider made global so the fetch span per subgraph call (ours, or @apollo/gateway's) joins it.
 */
export function gatewayTracing(): { tracing: Tracing; middleware: NodeMiddleware[] } {
  const tracing = tracingFor('gateway', { global: true });
  return { tracing, middleware: tracing.on ? [httpTracing(tracing)] : [] };
}

export const startOperationsServer = (telemetry: ServiceTelemetry, port: number, host?: string) =>
  serveOperations({ name: 'gateway', port, host, telemetry });
