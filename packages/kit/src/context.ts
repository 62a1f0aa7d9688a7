import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from './loaders.js';
import type { Viewer } from './viewer.js';

/** What every resolver receives. `em` is a fork for this request only. */
export interface SubgraphContext {
  readonly viewer: Viewer | null;
  readonly em: EntityManager;
  readonly loaders: Loaders;
}
