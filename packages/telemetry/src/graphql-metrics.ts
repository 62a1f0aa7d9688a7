import type { Logger } from './logger.js';
import type { ServiceMetrics } from './service-metrics.js';

/** The slice of Apollo Server's request context this plugin reads (kept structural: no Apollo import). */
interface OperationContext {
  operationName?: string | null;
  operation?: { operation: string } | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/**
 * An Apollo Server plugin counting operations by name, type and outcome, with their duration.
 * Names are capped (see `ServiceMetrics.operationLabel`); requests that never parsed count as "invalid".
 */
export function graphqlMetricsPlugin(metrics: ServiceMetrics, log?: Logger) {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let failed = false;
      return {
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse(context: OperationContext) {
          const operation = metrics.operationLabel(context.operationName);
          const type = context.operation?.operation ?? 'invalid';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.graphqlOperations.inc({ operation, type, outcome: failed ? 'error' : 'ok' });
          metrics.graphqlDuration.observe({ operation, type }, seconds);
          // Codes only: an error's message may quote what the client sent.
          const codes = context.errors?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          log?.debug({ operation, type, ms: Math.round(seconds * 1000), ...(codes ? { codes } : {}) }, 'graphql');
        },
      };
    },
  };
}
