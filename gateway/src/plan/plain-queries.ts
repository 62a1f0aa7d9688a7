import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  acceptsJson,
  chosenOperation,
  documentKey,
  formatForClient,
  isPlainQueryBody,
  type Formatter,
  type GraphqlBody,
} from '@qurbani/kit';
import { recordOperation, type Logger, type ServiceMetrics } from '@qurbani/telemetry';
import {
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { ServerResponse } from 'node:http';
import type { GatewayContext } from '../context.js';
import { cachePolicy } from './cache-policy.js';
import type { Compiled, PlanExecutor } from './plan-executor.js';

export interface PlainQueriesOptions {
  /** Both are known once the gateway has loaded its supergraph; until then every request goes to Apollo. */
  executor: () => PlanExecutor | undefined;
  /** The schema Apollo Server validates against (the API schema with the live side's subscriptions). */
  schema: () => GraphQLSchema | undefined;
  /** Apollo Server's parser under graphql-armor: a token budget. */
  parse: (query: string) => DocumentNode;
  /** Apollo Server's validation rules past the specified ones (graphql-armor's limits, one auth field). */
  validationRules: readonly ValidationRule[];
  formatError: Formatter;
  /** graphql-armor hides "Did you mean ...?" in every error in production. */
  hideSuggestions: boolean;
  metrics?: ServiceMetrics;
  log?: Logger;
  /** Called for each query this route answered (a metric: how much skips Apollo Server). */
  answered?: () => void;
}

interface Prepared {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly compiled: Compiled;
}

/** Documents kept prepared: the apps send a few dozen different operations. */
const MAX_DOCUMENTS = 1000;
const APOLLO = Symbol('answered by Apollo Server');
/** graphql-armor's block-field-suggestions plugin, word for word. */
const SUGGESTION = /Did you mean ".+"/g;
const SUGGESTION_MASK = '[Suggestion hidden]';

/**
 * The gateway's route for the call every app screen makes, a valid query asking for JSON: parsed
 * under the same token budget and validated under the same rules as in Apollo Server, once per
 * document, then planned and run by the gateway's own executor and answered with the same body,
 * status and headers Apollo Server gives (e2e/test/plan-executor.test.ts compares the bytes).
 * Apollo Server's request pipeline (its document and validation caches keyed by a SHA-256 of the
 * query, the plugin hooks, HeaderMaps) was about a tenth of the gateway's CPU on such a call.
 * Everything else goes to Apollo Server, unchanged (`answer` returns false): documents that do not
 * parse or validate, mutations, subscriptions, introspection, variables that do not coerce,
 * persisted queries, another Accept, and the rare answer this route does not shape (see below).
 */
export function plainQueries(options: PlainQueriesOptions) {
  const documents = new LRUCache<string, Prepared | typeof APOLLO>({ max: MAX_DOCUMENTS });
  const rules = [...specifiedRules, ...options.validationRules, NoSchemaIntrospectionCustomRule];

  function prepared(body: GraphqlBody, schema: GraphQLSchema, executor: PlanExecutor): Prepared | typeof APOLLO {
    const key = documentKey(body);
    const entry = documents.get(key);
    // A new supergraph (a schema update) prepares each document again.
    if (entry === APOLLO || entry?.schema === schema) return entry;
    const made = prepare(body, schema, executor);
    documents.set(key, made);
    return made;
  }

  function prepare(body: GraphqlBody, schema: GraphQLSchema, executor: PlanExecutor): Prepared | typeof APOLLO {
    let document: DocumentNode;
    try {
      document = options.parse(body.query);
    } catch {
      return APOLLO;
    }
    const operation = chosenOperation(document, body);
    if (operation?.operation !== 'query') return APOLLO;
    if (validate(schema, document, rules).length > 0) return APOLLO;
    const compiled = executor.prepare({ operation, document, schema, request: requestOf(body) });
    return compiled ? { schema, document, operation, compiled } : APOLLO;
  }

  /**
   * Answers `body` on `res` and returns true, or returns false without touching `res`. `context`
   * must give the same promise on every call: when it fails, Apollo Server answers with that failure.
   */
  return async function answer(
    body: unknown,
    accept: string | undefined,
    res: ServerResponse,
    context: () => Promise<GatewayContext>,
  ): Promise<boolean> {
    const executor = options.executor();
    const schema = options.schema();
    if (!executor || !schema || !isPlainQueryBody(body) || !acceptsJson(accept)) return false;
    const query = prepared(body, schema, executor);
    if (query === APOLLO) return false;
    const started = process.hrtime.bigint();
    let contextValue: GatewayContext;
    try {
      contextValue = await context();
    } catch {
      return false;
    }
    const { document, operation } = query;
    const policy = cachePolicy();
    const requestContext = {
      request: requestOf(body),
      context: contextValue,
      schema,
      document,
      operation,
      operationName: operation.name?.value ?? null,
      metrics: {},
      overallCachePolicy: policy,
    } as GatewayGraphQLRequestContext<GatewayContext>;
    if (executor.variableErrors(requestContext).length > 0) return false;
    // Only queries reach here: Apollo Server may run one again. It does so only for answers this
    // route does not shape itself and no plan of the apps' gives: no data at all, or an error that
    // sets the HTTP status.
    const result = await executor.run(query.compiled, requestContext).catch(() => undefined);
    if (!result || result.data === undefined || result.errors?.some((e) => e.extensions?.http)) return false;

    const errors = result.errors?.map((error) => clientError(error, options));
    const json = JSON.stringify({ errors, data: result.data, extensions: result.extensions }) + '\n';
    const cacheable = errors ? null : policy.policyIfCacheable();
    res.statusCode = 200;
    res.setHeader(
      'cache-control',
      cacheable ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : 'no-store',
    );
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(json));
    res.end(json);
    options.answered?.();
    if (options.metrics)
      recordOperation(options.metrics, options.log, {
        operationName: requestContext.operationName,
        type: 'query',
        started,
        failed: !!errors,
        errors: result.errors,
      });
    return true;
  };
}

/** As Apollo Server reads a POST body: non-string names and non-object variables are absent. */
const requestOf = (body: GraphqlBody) => ({
  query: body.query,
  variables: body.variables ?? undefined,
  operationName: body.operationName ?? undefined,
});

function clientError(error: GraphQLError, options: PlainQueriesOptions) {
  if (options.hideSuggestions) error.message = error.message.replace(SUGGESTION, SUGGESTION_MASK);
  return formatForClient(options.formatError, error);
}
