export { graphqlMetricsPlugin, recordOperation, type FinishedOperation } from './graphql-metrics.js';
export { httpMetrics, metricsRoute } from './http-metrics.js';
export { httpTracing } from './http-tracing.js';
export { loggerFor, rootLogger, scrubText, serializeError, type Logger } from './logger.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
export { ServiceMetrics } from './service-metrics.js';
export {
  currentTraceparent,
  TRACEPARENT_HEADER,
  tracingFor,
  withTraceparent,
  type SpanKindName,
  type SpanOptions,
  type Tracing,
} from './tracing.js';
