import type { Logger } from './logger.js';
import type { ServiceMetrics } from './service-metrics.js';

/** The slice of Apollo Server's request context this plugin reads (kept structural: no Apollo import). */
interface OperationContext {
  operationName?: string | null;
  operation?: { operation: string } | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/** What one finished operation adds to the metrics: the plugin's and the subgraphs' compiled path's. */
export interface FinishedOperation {
  operationName?: string | null;
  /** `query`, `mutation`, `subscription`, or `invalid` for a request that never parsed. */
  type: string;
  /** `process.hrtime.bigint()` when the request started. */
  started: bigint;
  failed: boolean;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/** Counts an operation by name, type and outcome, with its duration; names are capped (`operationLabel`). */
export function recordOperation(metrics: ServiceMetrics, log: Logger | undefined, finished: FinishedOperation) {
  const operation = metrics.operationLabel(finished.operationName);
  const { type } = finished;
  const seconds = Number(process.hrtime.bigint() - finished.started) / 1e9;
  metrics.graphqlOperations.inc({ operation, type, outcome: finished.failed ? 'error' : 'ok' });
  metrics.graphqlDuration.observe({ operation, type }, seconds);
  // Codes only: an error's message may quote what the client sent.
  const codes = finished.errors?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  log?.debug({ operation, type, ms: Math.round(seconds * 1000), ...(codes ? { codes } : {}) }, 'graphql');
}

/** An Apollo Server plugin that records every operation with `recordOperation`. */
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
          recordOperation(metrics, log, {
            operationName: context.operationName,
            type: context.operation?.operation ?? 'invalid',
            started,
            failed,
            errors: context.errors,
          });
        },
      };
    },
  };
}
