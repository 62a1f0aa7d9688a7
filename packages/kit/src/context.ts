import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeadLetter } from '@qurbani/events';
import type { AuditActor } from './audit/audit-chain.js';
import type { Loaders } from './loaders.js';
import type { Viewer } from './viewer.js';

/** What every resolver receives. `em` is a fork for this request only. */
export interface SubgraphContext {
  readonly viewer: Viewer | null;
  readonly em: EntityManager;
  /**
   * For lean reads (`leanFind`), which neither track nor hydrate: the request's `em` once it has
   * been forked (so they see its transaction), the shared EntityManager until then.
   */
  readonly reads: EntityManager;
  readonly loaders: Loaders;
  /** The client's IP as the gateway saw it; `null` when the gateway did not say (rate limits share one bucket then). */
  readonly clientIp: string | null;
  /** The request's id (from the gateway's `x-request-id`): for logs and the audit trail. */
  readonly requestId: string;
  /** Replays this service's dead letters (absent in a service without the event bus). */
  readonly deadLetters?: { replay(id: string, actor: AuditActor): Promise<DeadLetter> };
}
