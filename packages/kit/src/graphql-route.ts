import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseAsNotGateway, type GatewayOrigin } from './gateway-only.js';
import { VIEWER_HEADER } from './http-contract.js';
import { answerRequestError } from './json-errors.js';
import { verifyGatewayToken } from './viewer.js';

const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface GraphqlRouteOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  internalSecret: string;
  context: (origin: GatewayOrigin, req: IncomingMessage) => Promise<C> | C;
  /** Called for each request that passed the viewer-token check (tests count calls per plan step). */
  onRequest?: () => void;
}

/**
 * `POST /graphql` from the gateway, on node:http without Express: the router, the JSON body parser
 * and Express's response helpers were a fifth of the CPU of an empty subgraph call, and the gateway
 * makes six such calls for one tracking screen. Same contract as the Express route it replaces: a
 * viewer token or 401, a JSON body of at most 2 MiB (413) that parses (400), then Apollo Server.
 */
export function graphqlRoute<C extends BaseContext>(options: GraphqlRouteOptions<C>) {
  const { apollo, internalSecret } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let origin: GatewayOrigin;
    try {
      origin = verifyGatewayToken(header(req, VIEWER_HEADER), internalSecret);
    } catch {
      req.resume();
      refuseAsNotGateway(res);
      return;
    }
    options.onRequest?.();
    let body: unknown;
    try {
      // A multipart upload parser on the Express route (the video subgraph's) has read the body already.
      body = 'body' in req ? req.body : await readJsonBody(req);
    } catch (error) {
      req.resume();
      answerRequestError(error, res);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: async () => options.context(origin, req),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Shaped as Express's body parser shapes its errors, so `answerRequestError` words them the same. */
interface BodyError {
  status: number;
  type: 'entity.too.large' | 'entity.parse.failed';
}

/**
 * The parsed body of a JSON request (`{}` when empty, as Express's parser gives); `undefined` for any
 * other content type, which Apollo Server then refuses with its own message.
 */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  const tooLarge: BodyError = { status: 413, type: 'entity.too.large' };
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) throw tooLarge;
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const read: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained, not kept: destroying the request would leave no socket to answer 413 on.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) read.push(chunk);
    });
    req.once('end', () => (size > BODY_LIMIT_BYTES ? reject(tooLarge) : resolve(read)));
    req.once('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw { status: 400, type: 'entity.parse.failed' } satisfies BodyError;
  }
}
