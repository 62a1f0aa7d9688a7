import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphContext } from './context.js';
import { Loaders } from './loaders.js';

type Given = Omit<SubgraphContext, 'em' | 'reads' | 'loaders'>;

/**
 * One request's context. Its `em` is forked on first use: a fork builds a unit of work and an
 * identity map, and most of the calls a tracking screen makes are answered by lean reads and the
 * entity cache, which need neither (a fork was about a twentieth of a subgraph call's CPU).
 */
export class RequestContext implements SubgraphContext {
  readonly viewer: SubgraphContext['viewer'];
  readonly clientIp: SubgraphContext['clientIp'];
  readonly requestId: string;
  readonly deadLetters: SubgraphContext['deadLetters'];
  readonly loaders = new Loaders();
  // A plain field, not `#fork`: Apollo Server clones a context with Object.assign onto its prototype.
  private forked: EntityManager | undefined;

  constructor(
    private readonly orm: MikroORM,
    given: Given,
  ) {
    this.viewer = given.viewer;
    this.clientIp = given.clientIp;
    this.requestId = given.requestId;
    this.deadLetters = given.deadLetters;
  }

  get em(): EntityManager {
    return (this.forked ??= this.orm.em.fork());
  }

  get reads(): EntityManager {
    return this.forked ?? this.orm.em;
  }
}
