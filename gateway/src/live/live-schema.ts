import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  extendSchema,
  type ExecutionResult,
  GraphQLError,
  Kind,
  parse,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { SUBSCRIPTION_SDL } from './subscription-sdl.js';

/** The API schema the clients see on both transports: the composed graph plus the live Subscription type. */
export const withSubscriptions = (apiSchema: GraphQLSchema): GraphQLSchema =>
  extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));

/**
 * The gateway as Apollo Server sees it: the same executor and query plans, but the schema it
 * validates and introspects over HTTP carries the Subscription type that graphql-ws executes, so
 * GraphiQL's docs and any tool reading the endpoint know every subscription.
 */
export function liveAwareGateway(
  gateway: ApolloGateway,
  ownExecutor: (apollos: GatewayExecutor) => GatewayExecutor = (apollos) => apollos,
): GatewayInterface {
  return {
    load: async (options) => {
      const executor = ownExecutor((await gateway.load(options)).executor!);
      return {
        // The gateway answers `__schema` from its own schema, which has no Subscription: introspection
        // alone runs on the schema Apollo Server validated it against (this one, passed in).
        executor: async (request) =>
          !(request.operation as OperationDefinitionNode | undefined)
            ? { errors: [noOperation(request.request.operationName)] }
            : introspectionOnly(request.operation)
              ? (execute({
                  schema: request.schema,
                  document: request.document,
                  operationName: request.operationName,
                  variableValues: request.request.variables,
                }) as ExecutionResult)
              : executor(request),
      };
    },
    stop: () => gateway.stop(),
    onSchemaLoadOrUpdate: (callback) =>
      gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) =>
        callback({ apiSchema: withSubscriptions(apiSchema), coreSupergraphSdl }),
      ),
  };
}

/**
 * Apollo Server leaves choosing the operation to a gateway's executor, and @apollo/gateway's fails
 * with an internal error when there is none to choose: graphql-js's words, which Apollo Server
 * answers as a 400 (OPERATION_RESOLUTION_FAILURE).
 */
const noOperation = (name: string | undefined) =>
  new GraphQLError(
    name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.',
  );

/** A query whose root selects only `__schema`, `__type` and `__typename`. */
const introspectionOnly = (operation: OperationDefinitionNode) =>
  operation.operation === 'query' &&
  operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

/** A subscription sent over HTTP gets a clear answer instead of the query planner's error. */
export const subscriptionsOverWebSocketOnly: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(
            'Subscriptions run over WebSocket (graphql-ws, protocol graphql-transport-ws) at this same URL.',
            {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          );
        }
      },
    };
  },
};
