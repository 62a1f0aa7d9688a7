import type { Viewer } from '@qurbani/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Signed once per request and sent with every subgraph call of its plan. */
  viewerToken: string;
}
