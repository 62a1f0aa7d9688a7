import type { ApolloServer, BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewayTokenVerifier, refuseAsNotGateway, type GatewayOrigin } from './gateway-only.js';
import { VIEWER_HEADER } from './http-contract.js';
import type { CompiledAnswer } from './compiled-queries.js';
import { answerRequestError } from './json-errors.js';
import { answerWithApollo, firstHeader, readJsonBody } from './node-graphql.js';

const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface GraphqlRouteOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  internalSecret: string;
  context: (origin: GatewayOrigin, req: IncomingMessage) => Promise<C> | C;
  /** Called for each request that passed the viewer-token check (tests count calls per plan step). */
  onRequest?: () => void;
  /** Queries answered without Apollo Server's pipeline (`compiledQueries`); the rest go to Apollo. */
  compiled?: CompiledAnswer;
}

/**
 * `POST /graphql` from the gateway, on node:http without Express: the router, the JSON body parser
 * and Express's response helpers were a fifth of the CPU of an empty subgraph call, and the gateway
 * makes six such calls for one tracking screen. Same contract as the Express route it replaces: a
 * viewer token or 401, a JSON body of at most 2 MiB (413) that parses (400), then the compiled
 * queries or Apollo Server.
 * The gateway reuses a viewer's token for up to half its minute, and each call of a plan carries
 * it: a token verified once is remembered until it expires.
 */
export function graphqlRoute<C extends BaseContext>(options: GraphqlRouteOptions<C>) {
  const { apollo, internalSecret } = options;
  const verify = gatewayTokenVerifier(internalSecret, { rememberTokens: true });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let origin: GatewayOrigin;
    try {
      origin = verify(firstHeader(req, VIEWER_HEADER));
    } catch {
      req.resume();
      refuseAsNotGateway(res);
      return;
    }
    options.onRequest?.();
    let body: unknown;
    try {
      // A multipart upload parser on the Express route (the video subgraph's) has read the body already.
      body = 'body' in req ? req.body : await readJsonBody(req, BODY_LIMIT_BYTES);
    } catch (error) {
      req.resume();
      answerRequestError(error, res);
      return;
    }
    // Made once: a query the compiled path hands on (its variables did not coerce) reaches Apollo with the same context.
    let made: Promise<C> | undefined;
    const context = () => (made ??= (async () => options.context(origin, req))());
    if (await options.compiled?.(body, firstHeader(req, 'accept'), res, context)) return;
    await answerWithApollo(apollo, req, res, body, context);
  };
}
