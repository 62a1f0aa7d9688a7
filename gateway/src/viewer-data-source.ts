import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { VIEWER_HEADER } from '@qurbani/kit';
import http from 'node:http';
import fetch from 'node-fetch';
import type { GatewayContext } from './context.js';

// A keep-alive agent: the default client opened a connection per subgraph call and was ~20% of
// the gateway's CPU (see ../shared/STACK-NOTES.md, "Gateway speed").
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const keepAliveFetch = ((url: string, init: Record<string, unknown>) => fetch(url, { ...init, agent })) as any;

/**
 * Forwards the viewer the gateway verified, as a short-lived token signed for subgraphs. The
 * client's own Authorization header is never forwarded.
 */
export class ViewerDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    super({ url, fetcher: keepAliveFetch });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.viewerToken) request.http?.headers.set(VIEWER_HEADER, context.viewerToken);
  }
}
