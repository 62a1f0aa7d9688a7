import 'reflect-metadata';
import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Species } from '../vocabulary.js';

/**
 * A subgraph's copy of a sacrifice, made from `sacrifice.allocated`: its site, species and the
 * donors who may follow what comes of it (meat packs, the hide). One shape for every subgraph that
 * needs it; each lists it among its own entities, so each keeps its own `allocated_sacrifice` table
 * in its own database and never reads the sacrifice subgraph's.
 */
@Entity({ tableName: 'allocated_sacrifice' })
export class AllocatedSacrifice {
  [PrimaryKeyProp]?: 'sacrificeId';

  @PrimaryKey({ type: 'uuid' })
  sacrificeId!: string;

  /** Indexed: per-site figures (the season dashboard) start from a site's sacrifices. */
  @Index()
  @Property({ type: 'uuid' })
  siteId!: string;

  @Property({ type: 'text' })
  species!: Species;

  @Property({ type: 'text[]' })
  donorIds: string[] = [];

  /** When this subgraph first heard of the allocation. */
  @Property({ type: 'timestamptz' })
  allocatedAt: Opt<Date> = new Date();
}
