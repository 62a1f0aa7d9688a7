import type { ApolloServer } from '@apollo/server';
import { answerRequestError, answerWithApollo, firstHeader, GRAPHQL_PATH, readJsonBody } from '@qurbani/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from './context.js';
import type { plainQueries } from './plan/plain-queries.js';

type PlainQueryAnswer = ReturnType<typeof plainQueries>;

/** As Express's `express.json({ limit: '1mb' })` on the route it bypasses. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * `POST /graphql` with a JSON body, the call every app screen makes, on node:http without Express:
 * the router, body parser and response helpers cost more than the rest of the gateway's own work on
 * a request. Valid queries asking for JSON then take the plain route (`plan/plain-queries.ts`), the
 * rest Apollo Server. The perimeter (target check, request id, metrics, tracing, security headers, CORS) has
 * run before it, as for every route; other forms of /graphql (GET, the explorer) keep Express.
 */
export function gatewayGraphqlRoute(
  apollo: ApolloServer<GatewayContext>,
  contextOf: (req: IncomingMessage, res: ServerResponse) => Promise<GatewayContext>,
  plainQuery?: PlainQueryAnswer,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // The metrics' route label: Express sets it on its own routes.
    Object.assign(req, { baseUrl: GRAPHQL_PATH });
    readJsonBody(req, BODY_LIMIT_BYTES)
      .then(
        async (body) => {
          // Made once: a query the plain route hands on reaches Apollo with the same context (one rate-limit charge).
          let made: Promise<GatewayContext> | undefined;
          const context = () => (made ??= contextOf(req, res));
          if (await plainQuery?.(body, firstHeader(req, 'accept'), res, context)) return;
          await answerWithApollo(apollo, req, res, body, context);
        },
        (error: unknown) => {
          req.resume();
          throw error;
        },
      )
      .catch((error: unknown) => answerRequestError(error, res));
  };
}
