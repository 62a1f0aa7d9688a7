import type { ApolloServer } from '@apollo/server';
import { answerRequestError, answerWithApollo, GRAPHQL_PATH, readJsonBody } from '@qurbani/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from './context.js';

/** As Express's `express.json({ limit: '1mb' })` on the route it bypasses. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * `POST /graphql` with a JSON body, the call every app screen makes, on node:http without Express:
 * the router, body parser and response helpers cost more than the rest of the gateway's own work on
 * a request. The perimeter (target check, request id, metrics, tracing, security headers, CORS) has
 * run before it, as for every route; other forms of /graphql (GET, the explorer) keep Express.
 */
export function gatewayGraphqlRoute(
  apollo: ApolloServer<GatewayContext>,
  contextOf: (req: IncomingMessage, res: ServerResponse) => Promise<GatewayContext>,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // The metrics' route label: Express sets it on its own routes.
    Object.assign(req, { baseUrl: GRAPHQL_PATH });
    readJsonBody(req, BODY_LIMIT_BYTES)
      .then(
        (body) => answerWithApollo(apollo, req, res, body, () => contextOf(req, res)),
        (error: unknown) => {
          req.resume();
          throw error;
        },
      )
      .catch((error: unknown) => answerRequestError(error, res));
  };
}
