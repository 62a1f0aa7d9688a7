export { graphqlMetricsPlugin } from './graphql-metrics.js';
export { httpMetrics, metricsRoute } from './http-metrics.js';
export { loggerFor, rootLogger, scrubText, serializeError, type Logger } from './logger.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
export { ServiceMetrics } from './service-metrics.js';
