import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * What this subgraph knows of a sacrifice, copied from `sacrifice.allocated`: its species (for the
 * hide) and the donors who may follow their animal's hide.
 */
@Entity({ tableName: 'allocated_sacrifice' })
export class AllocatedSacrifice {
  @PrimaryKey({ type: 'uuid' })
  sacrificeId!: string;

  @Property({ type: 'uuid' })
  siteId!: string;

  @Property({ type: 'text' })
  species!: string;

  @Property({ type: 'text[]' })
  donorIds: string[] = [];

  @Property({ type: 'timestamptz' })
  allocatedAt: Opt<Date> = new Date();
}
