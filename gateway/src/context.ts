import type { Viewer } from '@qurbani/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Signed once per request and sent with every subgraph call of its plan. */
  viewerToken: string;
  /** One id per client request, sent to every subgraph call (audit records keep it). */
  requestId?: string;
}
