import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';

/** A driver of a site, from the sacrifice subgraph's `sacrifice.site-staff-set` (sites are its own). */
@Entity({ tableName: 'site_driver' })
export class SiteDriver {
  @PrimaryKey({ type: 'uuid' })
  siteId!: string;

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;
}
