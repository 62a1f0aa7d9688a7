import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHQL_PATH } from './http-contract.js';

/** Node-style middleware, as Express, helmet and cors accept it. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Runs node-style middleware in order, then `last`. */
export function runChain(
  chain: readonly NodeMiddleware[],
  req: IncomingMessage,
  res: ServerResponse,
  last: () => void,
) {
  const step = (i: number): void => (i < chain.length ? chain[i]!(req, res, () => step(i + 1)) : last());
  step(0);
}

/** A JSON POST to /graphql; anything else (multipart uploads, GET, `/graphql/`) keeps its Express route. */
export const isPlainGraphqlCall = (req: IncomingMessage) =>
  req.method === 'POST' && req.url === GRAPHQL_PATH && /^application\/json\b/i.test(req.headers['content-type'] ?? '');

/** Shaped as Express's body parser shapes its errors, so `answerRequestError` words them the same. */
interface BodyError {
  status: number;
  type: 'entity.too.large' | 'entity.parse.failed' | 'entity.nul';
}

/**
 * PostgreSQL cannot store U+0000 in text and fails the whole statement: a NUL in any variable, or
 * a `\u0000` escape in the document's own strings, is refused here with a 400, not a 500 later.
 */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}
const NUL_ESCAPE = /\\u0000/i;

/**
 * The parsed body of a JSON request (`{}` when empty, as Express's parser gives); `undefined` for any
 * other content type, which Apollo Server then refuses with its own message.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  if (!/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  const tooLarge: BodyError = { status: 413, type: 'entity.too.large' };
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) throw tooLarge;
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const read: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained, not kept: destroying the request would leave no socket to answer 413 on.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) read.push(chunk);
    });
    req.once('end', () => (size > limitBytes ? reject(tooLarge) : resolve(read)));
    req.once('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw { status: 400, type: 'entity.parse.failed' } satisfies BodyError;
  }
  const query = (body as { query?: unknown } | null)?.query;
  if (holdsNul(body) || (typeof query === 'string' && NUL_ESCAPE.test(query)))
    throw { status: 400, type: 'entity.nul' } satisfies BodyError;
  return body;
}

/** Runs one POST through Apollo Server and writes its answer on the node response. */
export async function answerWithApollo<C extends BaseContext>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<C>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context,
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
}

/** A request header's value, the first one if it was sent more than once. */
export const firstHeader = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
