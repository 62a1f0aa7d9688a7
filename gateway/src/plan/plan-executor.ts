import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import type { GraphQLDataSource } from '@apollo/gateway';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import { runPlan } from './run-plan.js';
import { compileShaper, variableDefaults, type ShapeResponse } from './shape-response.js';

export interface Compiled {
  readonly plan: QueryPlan & { node: PlanNode };
  readonly shape: ShapeResponse;
  readonly defaults: Record<string, unknown>;
}

/**
 * The gateway's executor for queries: the plan of each operation is made and its answer's shaping
 * compiled once, kept with the parsed document Apollo Server caches, and each request then only
 * runs the fetches (`run-plan.ts`) and the compiled shaping (`shape-response.ts`). What it does not
 * cover goes to @apollo/gateway's executor, unchanged: mutations' and subscriptions' plans, @defer,
 * data rewrites, introspection next to other fields, and requests that ask for traces.
 */
export class PlanExecutor {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;
  private readonly supergraphSchema: GraphQLSchema;
  private readonly compiled = new WeakMap<OperationDefinitionNode, Compiled | null>();
  /** Operations run since start, by whose executor ran them (a metric: how much takes the slow path). */
  readonly runs = { own: 0, apollo: 0 };

  constructor(
    supergraphSdl: string,
    private readonly services: Record<string, GraphQLDataSource<GatewayContext>>,
    private readonly fallback: GatewayExecutor,
    /** Whether traces are exported: each fetch then gets its span. */
    private readonly options: { traced: boolean } = { traced: false },
  ) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(this.supergraph);
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
  }

  readonly execute: GatewayExecutor = async (requestContext) => {
    const context = requestContext as GatewayGraphQLRequestContext<GatewayContext>;
    const compiled = requestContext.metrics.captureTraces ? null : this.compile(context);
    if (!compiled) {
      this.runs.apollo++;
      return this.fallback(requestContext);
    }
    const variableErrors = this.variableErrors(context);
    if (variableErrors.length > 0) {
      this.runs.own++;
      return { errors: variableErrors };
    }
    return this.run(compiled, context);
  };

  /**
   * Runs a compiled query whose variables have been checked (`variableErrors`): its fetches, then
   * its shaping. Also the entry point of the gateway's route for plain queries (`plain-queries.ts`).
   */
  async run(
    compiled: Compiled,
    context: GatewayGraphQLRequestContext<GatewayContext>,
  ): Promise<GatewayExecutionResult> {
    this.runs.own++;
    const errors: GraphQLError[] = [];
    const data = Object.create(null) as Record<string, unknown>;
    const conditions = { ...compiled.defaults, ...context.request.variables };
    const run = {
      requestContext: context,
      services: this.services,
      supergraphSchema: this.supergraphSchema,
      conditions,
      errors,
      traced: this.options.traced,
    };
    await runPlan(run, compiled.plan.node, data);
    let shaped: ReturnType<ShapeResponse>;
    try {
      shaped = compiled.shape(data, conditions);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      return { errors: [new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
    if (errors.length === 0 && shaped.errors.length > 0)
      return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
  }

  /** As @apollo/gateway: variables the operation cannot take are the client's error, before any fetch. */
  variableErrors({
    schema,
    operation,
    request,
  }: Pick<GatewayGraphQLRequestContext, 'schema' | 'operation' | 'request'>) {
    if (!operation.variableDefinitions?.length) return [];
    return getVariableValues(schema, operation.variableDefinitions, request.variables ?? {}).errors ?? [];
  }

  private compile(requestContext: GatewayGraphQLRequestContext<GatewayContext>): Compiled | null {
    const { operation } = requestContext;
    let compiled = this.compiled.get(operation);
    if (compiled !== undefined) return compiled;
    compiled = this.prepare(requestContext);
    this.compiled.set(operation, compiled);
    return compiled;
  }

  /** The plan and shaping of a query operation, or null when this executor does not cover it. */
  prepare({
    operation,
    document,
    schema,
    request,
  }: Pick<GatewayGraphQLRequestContext, 'operation' | 'document' | 'schema' | 'request'>): Compiled | null {
    if (operation.operation !== 'query') return null;
    try {
      const plan = this.planner.buildQueryPlan(
        operationFromDocument(this.supergraph.apiSchema(), document, { operationName: request.operationName }),
      );
      if (!plan.node || plan.node.kind === 'Subscription' || !coversPlan(plan.node)) return null;
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      return {
        plan: plan as Compiled['plan'],
        shape: compileShaper(schema, operation, fragments),
        defaults: variableDefaults(operation),
      };
    } catch {
      // A construct the shaper leaves out (`Unsupported`), or a document the planner refuses:
      // @apollo/gateway's executor gives its own answer for it.
      return null;
    }
  }
}

/** Every node is one this executor runs, and no fetch rewrites data on its way in or out. */
function coversPlan(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(coversPlan);
    case 'Flatten':
      return coversPlan(node.node);
    case 'Condition':
      return [node.ifClause, node.elseClause].every((branch) => !branch || coversPlan(branch));
    case 'Fetch':
      return !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length;
    default:
      return false;
  }
}
