import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Who may see or record the videos of one sacrifice, copied from `sacrifice.allocated` and
 * `sacrifice.assigned`: this subgraph never reads the sacrifice subgraph's database.
 */
@Entity({ tableName: 'sacrifice_access' })
export class SacrificeAccess {
  @PrimaryKey({ type: 'uuid' })
  sacrificeId!: string;

  /** Null until an executor is assigned. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  executorId: string | null = null;

  /** The site (from `sacrifice.allocated`): calibration, drift and the dashboard's figures per site. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  siteId: string | null = null;

  @Property({ type: 'text[]' })
  donorIds: string[] = [];

  /** When the site's sacrifice window closes (from `sacrifice.assigned`): the review queue's deadline. */
  @Property({ type: 'timestamptz', nullable: true })
  windowEndsAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
