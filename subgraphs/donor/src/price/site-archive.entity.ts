import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * This subgraph's copy of which sites are archived (`sacrifice.site-archive-set`): an archived
 * site takes no new orders, decided inside the transaction that would place one.
 */
@Entity({ tableName: 'site_archive' })
export class SiteArchive {
  @PrimaryKey({ type: 'uuid' })
  siteId!: string;

  @Property({ type: 'boolean' })
  archived!: boolean;

  /** The highest version seen: an archive handled after a later restore changes nothing. */
  @Property({ type: 'integer' })
  version!: number;
}
