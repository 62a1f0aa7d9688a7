import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { VIEWER_HEADER, type Replicas } from '@qurbani/kit';
import { currentTraceparent, REQUEST_ID_HEADER, TRACEPARENT_HEADER } from '@qurbani/telemetry';
import type { GatewayContext } from './context.js';
import { onSomeReplica } from './replicas.js';
import { subgraphFetch } from './subgraph-fetch.js';

/**
 * Forwards the viewer the gateway verified, as a short-lived token signed for subgraphs. The
 * client's own Authorization header is never forwarded. Each fetch goes to the subgraph's next
 * replica; one that refuses the connection passes the request on to the following one.
 */
export class ViewerDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(replicas: Replicas) {
    const fetcher = (_url: string, init: FetcherRequestInit = {}) =>
      onSomeReplica(replicas, (url) => subgraphFetch(url, init), readsOnly(init.body));
    super({ url: replicas.urls[0], fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.viewerToken) request.http?.headers.set(VIEWER_HEADER, context.viewerToken);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    // @apollo/gateway's fetch span is active here: the subgraph's span becomes its child.
    const traceparent = currentTraceparent();
    if (traceparent) request.http?.headers.set(TRACEPARENT_HEADER, traceparent);
  }

  /**
   * A value the gateway cannot check (a custom scalar such as `DateTimeISO` is opaque in the
   * supergraph) is refused by the subgraph with 400: that is the client's bad input, said as such,
   * not an internal error.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (
      error.extensions.response as
        { body?: { errors?: { message?: string; extensions?: { code?: string } }[] } } | undefined
    )?.body;
    const refusal = body?.errors?.[0];
    if (response.status === 400 && refusal?.message && INPUT_CODES.has(refusal.extensions?.code ?? '')) {
      return new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }
}

const INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** A subgraph fetch the gateway planned for a query (`query ...` or `{...}`), never a mutation's. */
function readsOnly(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  // @apollo/gateway writes the operation first: most bodies answer without being parsed.
  if (body.startsWith('{"query":"query ') || body.startsWith('{"query":"{')) return true;
  if (body.startsWith('{"query":"mutation ')) return false;
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
  } catch {
    return false;
  }
}
