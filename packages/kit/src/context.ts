import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from './loaders.js';
import type { Viewer } from './viewer.js';

/** What every resolver receives. `em` is a fork for this request only. */
export interface SubgraphContext {
  readonly viewer: Viewer | null;
  readonly em: EntityManager;
  readonly loaders: Loaders;
  /** The client's IP as the gateway saw it; `null` when the gateway did not say (rate limits share one bucket then). */
  readonly clientIp: string | null;
  /** The request's id (the gateway's `x-request-id`, or one made here): audit records carry it. */
  readonly requestId: string;
}
