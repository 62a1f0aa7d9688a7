import type { Viewer } from '@qurbani/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Signed once per request and sent with every subgraph call of its plan. */
  viewerToken: string;
  /** Sent to every subgraph as `x-request-id`, and returned to the client. */
  requestId?: string;
}
