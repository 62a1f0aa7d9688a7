import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * What this subgraph knows of a sacrifice, copied from `sacrifice.allocated`: enough to know that
 * packs may be made from it and which donors may follow those packs to their families.
 */
@Entity({ tableName: 'allocated_sacrifice' })
export class AllocatedSacrifice {
  [PrimaryKeyProp]?: 'sacrificeId';

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
