import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Species } from '../order/order.enums.js';

/**
 * This subgraph's copy of the sacrifice subgraph's price list (`sacrifice.price-set`): orders are
 * priced from it inside the transaction that places them, without calling another subgraph.
 */
@Entity({ tableName: 'site_price' })
export class SitePrice {
  @PrimaryKey({ type: 'uuid' })
  siteId!: string;

  @PrimaryKey({ type: 'text' })
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  @Property({ type: 'uuid' })
  seasonId!: string;

  @Property({ type: 'integer' })
  amountMinor!: number;

  @Property({ type: 'text' })
  currency!: string;

  /** The highest version seen: an older `sacrifice.price-set` handled late never replaces a newer price. */
  @Property({ type: 'integer' })
  version!: number;
}
