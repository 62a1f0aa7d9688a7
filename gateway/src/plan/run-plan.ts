import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { trace } from '@opentelemetry/api';
import { GraphQLError, isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context.js';

type Data = Record<string, unknown>;

export interface PlanRun {
  readonly requestContext: GatewayGraphQLRequestContext<GatewayContext>;
  readonly services: Record<string, GraphQLDataSource<GatewayContext>>;
  /** The supergraph's schema: `requires` selections name its types. */
  readonly supergraphSchema: GraphQLSchema;
  /** The request's variables over the operation's defaults: what `@include`/`@skip` conditions read. */
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly errors: GraphQLError[];
  /** Whether traces are exported; without, a fetch skips the no-op span's context and promise. */
  readonly traced: boolean;
}

interface Cursor {
  readonly path: ResponsePath;
  readonly data: unknown;
  readonly fullResult: Data;
}

// @apollo/gateway's root exports the data source types but not the value of this enum member.
const INCOMING_OPERATION = 'incoming operation' as Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>['kind'];

// The span @apollo/gateway opens around a fetch, so a subgraph's span still hangs under one per call.
const tracer = trace.getTracer('@qurbani/gateway');

/**
 * Runs a query plan's fetches and merges their data, as @apollo/gateway's `executeQueryPlan` does
 * for plans of Sequence, Parallel, Flatten, Condition and Fetch nodes without data rewrites (`plan-executor.ts`
 * sends every other plan to it): the same representations, variables, merge order and error paths.
 */
export async function runPlan(run: PlanRun, node: PlanNode, data: Data): Promise<void> {
  await runNode(run, node, { path: [], data, fullResult: data });
}

async function runNode(run: PlanRun, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await runNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => runNode(run, child, cursor)));
      return;
    case 'Flatten':
      return runNode(run, node.node, moveIntoCursor(cursor, node.path));
    case 'Condition': {
      const value = run.conditions[node.condition];
      if (typeof value !== 'boolean') throw new Error(`Invalid non-boolean value for variable $${node.condition}`);
      const branch = value ? node.ifClause : node.elseClause;
      return branch && runNode(run, branch, cursor);
    }
    case 'Fetch':
      try {
        if (!run.traced) await runFetch(run, node, cursor);
        else
          await tracer.startActiveSpan('gateway.fetch', { attributes: { service: node.serviceName } }, (span) =>
            runFetch(run, node, cursor).finally(() => span.end()),
          );
      } catch (error) {
        run.errors.push(error as GraphQLError);
      }
      return;
    default:
      throw new Error(`plan node ${node.kind} reached the gateway's own executor`);
  }
}

async function runFetch(run: PlanRun, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.services[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = Array.isArray(cursor.data) ? (cursor.data as unknown[]).filter((e) => e != null) : [cursor.data];
  if (entities.length < 1) return;
  const variables = Object.create(null) as Data;
  const provided = run.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? [])
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];

  if (!fetch.requires) {
    const received = await send(run, fetch, cursor, variables);
    for (const entity of entities) deepMerge(entity as Data, received);
    return;
  }
  const representations: Data[] = [];
  const owners: number[] = [];
  entities.forEach((entity, index) => {
    const representation = selectRequired(run.supergraphSchema, entity as Data | null, fetch.requires!);
    if (representation?.__typename) {
      representations.push(representation);
      owners.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const received = await send(run, fetch, cursor, { ...variables, representations });
  if (!received) return;
  const found = received._entities;
  if (!Array.isArray(found)) throw new Error('Expected "data._entities" in response to be an array');
  if (found.length !== representations.length)
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  // As @apollo/gateway: over the entities' count (representations may be fewer; extra ones merge nothing).
  for (let i = 0; i < entities.length; i++) {
    const entity = found[i] as Data | null | undefined;
    const existing = entities[owners[i]!] as Data | undefined;
    if (entity && !entity.__typename) entity.__typename = existing?.__typename;
    deepMerge(existing as Data, entity);
  }
}

async function send(run: PlanRun, fetch: FetchNode, cursor: Cursor, variables: Data): Promise<Data | undefined> {
  const { requestContext } = run;
  const response = await run.services[fetch.serviceName]!.process({
    kind: INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const pathOf = lazyErrorPaths(fetch, cursor);
    run.errors.push(...response.errors.map((error) => downstreamError(error, fetch.serviceName, pathOf)));
    if (!response.extensions?.ftv1) {
      const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      const metrics = requestContext.metrics;
      metrics.nonFtv1ErrorPaths = [...(metrics.nonFtv1ErrorPaths ?? []), ...paths];
    }
  }
  return response.data as Data | undefined;
}

/** The representation of an entity for `_entities`: what the fetch's `requires` selects of it. */
function selectRequired(schema: GraphQLSchema, source: Data | null, selections: QueryPlanSelectionNode[]): Data | null {
  if (source === null) return null;
  // A plain object, as JSON.stringify serializes fastest; its keys are the supergraph's field names, never `__proto__`.
  const result: Data = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = Object.hasOwn(source, name) ? source[name] : undefined;
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value))
        result[name] = value.map((item: unknown) =>
          inner ? selectRequired(schema, item as Data | null, inner) : item,
        );
      else result[name] = inner ? selectRequired(schema, value as Data | null, inner) : value;
    } else if (selection.typeCondition && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, selectRequired(schema, source, selection.selections));
    }
  }
  return result;
}

function isObjectOfType(schema: GraphQLSchema, object: Data, condition: string): boolean {
  const typename = object.__typename;
  if (!typename) return false;
  if (typename === condition) return true;
  const type = schema.getType(typename as string);
  const abstract = schema.getType(condition);
  return (
    !!type &&
    !!abstract &&
    isAbstractType(abstract) &&
    (isObjectType(type) || isInterfaceType(type)) &&
    schema.isSubType(abstract, type)
  );
}

const isObject = (value: unknown): value is Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** @apollo/gateway's merge: objects key by key, lists of the same length element by element. */
function deepMerge(target: Data, source: Data | null | undefined): void {
  if (source === undefined || source === null) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (existing && isObject(value)) deepMerge(existing as Data, value);
    else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Data, value[i] as Data);
        else existing[i] = value[i];
      }
    } else target[key] = value;
  }
}

function moveIntoCursor(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = flattenAt(cursor.data, path);
  return data ? { path: [...cursor.path, ...path], data, fullResult: cursor.fullResult } : undefined;
}

/**
 * The values at `path` from `at` on, lists flattened at each `@` as `flatMap` would (one level per
 * `@`), with loops instead: `flatMap` cost twice as much on the tracking screen's paths.
 */
function flattenAt(value: unknown, path: ResponsePath, at = 0): unknown {
  for (; at < path.length; at++) {
    if (value === undefined || value === null) return value;
    const current = path[at];
    if (current === '@') {
      const flat: unknown[] = [];
      for (const element of value as unknown[]) {
        const found = flattenAt(element, path, at + 1);
        if (Array.isArray(found)) for (const item of found) flat.push(item);
        else flat.push(found);
      }
      return flat;
    }
    if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
    if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
    value = Object.hasOwn(value as Data, current) ? (value as Data)[current] : undefined;
  }
  return value;
}

type ErrorPathOf = (path: readonly (string | number)[] | undefined) => (string | number)[] | undefined;

/** A subgraph error's path in the client's answer: `_entities` indexes become the entity's own path. */
function lazyErrorPaths(fetch: FetchNode, cursor: Cursor): ErrorPathOf {
  let hydrated: (string | number)[][] | undefined;
  return (errorPath) => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        hydratePaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

function hydratePaths(parent: (string | number)[], path: ResponsePath, data: unknown, result: (string | number)[][]) {
  if (data == null) return;
  const [head, ...rest] = path;
  if (head === undefined) result.push([...parent]);
  else if (head === '@' || (typeof head === 'string' && Array.isArray(data))) {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    data.forEach((value: unknown, i) => {
      parent.push(i);
      hydratePaths(parent, head === '@' ? rest : path, value, result);
      parent.pop();
    });
  } else if (typeof head === 'string') {
    if (Object.hasOwn(data as Data, head)) {
      parent.push(head);
      hydratePaths(parent, rest, (data as Data)[head], result);
      parent.pop();
    }
  } else throw new Error(`unknown path part "${String(head)}"`);
}

/** A subgraph's error as @apollo/gateway passes it on: its code kept, `serviceName` added. */
function downstreamError(
  original: GraphQLError | { message?: string; path?: readonly (string | number)[]; extensions?: Data },
  serviceName: string,
  pathOf: ErrorPathOf,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: original as Error,
    path: pathOf(original.path),
    extensions: { ...original.extensions, serviceName },
  };
  const code = errorCodeDef(original as GraphQLError);
  if (!code && original.extensions?.code) return new GraphQLError(message, options);
  return (code ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
