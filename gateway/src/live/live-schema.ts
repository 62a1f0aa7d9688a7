import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { extendSchema, GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { SUBSCRIPTION_SDL } from './subscription-sdl.js';

/** The API schema the clients see on both transports: the composed graph plus the live Subscription type. */
export const withSubscriptions = (apiSchema: GraphQLSchema): GraphQLSchema => extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));

/**
 * The gateway as Apollo Server sees it: the same executor and query plans, but the schema it
 * validates and introspects over HTTP carries the Subscription type that graphql-ws executes, so
 * GraphiQL's docs and any tool reading the endpoint know every subscription.
 */
export function liveAwareGateway(gateway: ApolloGateway): GatewayInterface {
  return {
    load: (options) => gateway.load(options),
    stop: () => gateway.stop(),
    onSchemaLoadOrUpdate: (callback) =>
      gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => callback({ apiSchema: withSubscriptions(apiSchema), coreSupergraphSdl })),
  };
}

/** A subscription sent over HTTP gets a clear answer instead of the query planner's error. */
export const subscriptionsOverWebSocketOnly: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError('Subscriptions run over WebSocket (graphql-ws, protocol graphql-transport-ws) at this same URL.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      },
    };
  },
};
