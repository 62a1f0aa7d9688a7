import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * What the proof video of one sacrifice must show and say, copied from `sacrifice.assigned` and
 * `sacrifice.status-changed` (this service never reads the sacrifice subgraph's database). The
 * times place the sacrifice on a local day at its site: the other names of that day are the
 * confusable ones.
 */
@Entity({ tableName: 'sacrifice_expectation' })
@Index({ properties: ['siteId'] })
export class SacrificeExpectation {
  @PrimaryKey({ type: 'uuid' })
  sacrificeId!: string;

  /** Null until `sacrifice.assigned` arrives (the status event may come first). */
  @Property({ type: 'uuid', nullable: true })
  siteId: string | null = null;

  @Property({ type: 'text', nullable: true })
  timeZone: string | null = null;

  @Property({ type: 'text', nullable: true })
  species: string | null = null;

  /** Every name to pronounce, in share order. */
  @Property({ type: 'text[]' })
  names: Opt<string[]> = [];

  @Property({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  performedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
