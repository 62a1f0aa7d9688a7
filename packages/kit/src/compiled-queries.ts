import type { ServerResponse } from 'node:http';
import { NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { recordOperation, type Logger, type ServiceMetrics } from '@qurbani/telemetry';
import {
  acceptsJson,
  chosenOperation,
  documentKey,
  formatForClient,
  isPlainQueryBody,
  type Formatter,
  type GraphqlBody,
} from './plain-query-body.js';

export interface CompiledQueriesOptions {
  schema: GraphQLSchema;
  formatError: Formatter;
  metrics: ServiceMetrics;
  log?: Logger;
}

/** Documents kept compiled: the gateway's plans hold a few hundred different fetches at most. */
const MAX_DOCUMENTS = 1000;
const APOLLO = Symbol('answered by Apollo Server');

/**
 * The read path of a subgraph without Apollo Server's request pipeline: each query document the
 * gateway sends is parsed, validated and compiled once with graphql-jit, then run as a function
 * (the same schema and resolvers, spec null-propagation; Apollo's pipeline and graphql-js's
 * executor were about a fifth of a subgraph call's CPU). Only the common case is taken: a valid
 * query, with valid variables, asking for JSON. Everything else (mutations, which the gateway sends
 * once and which must never run twice; invalid documents or variables; introspection; persisted
 * queries; another Accept) is left to Apollo Server (`answer` returns false), so its answers, codes
 * and status lines are the ones clients have always had.
 */
export function compiledQueries(options: CompiledQueriesOptions) {
  const documents = new LRUCache<string, CompiledQuery | typeof APOLLO>({ max: MAX_DOCUMENTS });

  function compiled(body: GraphqlBody): CompiledQuery | typeof APOLLO {
    const key = documentKey(body);
    let entry = documents.get(key);
    if (entry) return entry;
    entry = compile(options.schema, body);
    documents.set(key, entry);
    return entry;
  }

  /** Answers `body` on `res` and returns true, or returns false without touching `res`. */
  return async function answer(
    body: unknown,
    accept: string | undefined,
    res: ServerResponse,
    context: () => Promise<unknown>,
  ) {
    if (!isPlainQueryBody(body) || !acceptsJson(accept)) return false;
    const query = compiled(body);
    if (query === APOLLO) return false;
    const started = process.hrtime.bigint();
    const result = await query.query(undefined, await context(), body.variables ?? {});
    // No `data` at all: the variables did not coerce and nothing ran, so Apollo may answer it.
    if (!('data' in result)) return false;
    const errors = result.errors?.map((error) => formatForClient(options.formatError, error));
    const json = JSON.stringify(errors ? { errors, data: result.data } : { data: result.data }) + '\n';
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(json));
    res.end(json);
    recordOperation(options.metrics, options.log, {
      operationName: query.operationName ?? body.operationName,
      type: 'query',
      started,
      failed: !!errors,
      errors,
    });
    return true;
  };
}

function compile(schema: GraphQLSchema, body: GraphqlBody): CompiledQuery | typeof APOLLO {
  let document;
  try {
    document = parse(body.query);
  } catch {
    return APOLLO;
  }
  const operation = chosenOperation(document, body);
  if (operation?.operation !== 'query') return APOLLO;
  // Introspection is Apollo's call (it refuses it in production): a document asking for it goes there.
  if (validate(schema, document, [...specifiedRules, NoSchemaIntrospectionCustomRule]).length > 0) return APOLLO;
  try {
    const query = compileQuery(schema, document, body.operationName, { disablingCapturingStackErrors: true });
    return isCompiledQuery(query) ? query : APOLLO;
  } catch {
    // A document graphql-jit cannot compile is still a valid query: graphql-js runs it.
    return APOLLO;
  }
}

export type CompiledAnswer = ReturnType<typeof compiledQueries>;
