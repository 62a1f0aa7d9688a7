import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Species } from '../shared/species.js';

/** The charity's price of one share of a species at a site, for the site's season, in the site's currency. */
@ObjectType({ description: "The charity's price of one share of a species at a site, in the site's currency." })
@Entity({ tableName: 'share_price' })
@Unique({ name: 'share_price_site_species_unique', properties: ['siteId', 'species'] })
export class SharePrice {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  seasonId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid', index: true })
  siteId!: string;

  @Field(() => Species)
  @Enum({ items: () => Species, type: 'text' })
  species!: Species;

  @Field(() => Int, { description: 'Price of one share in minor units of `currency` (cents, paisa).' })
  @Property({ type: 'integer' })
  amountMinor!: number;

  @Field({ description: "ISO 4217 code: the site's currency, the same for every species of the site." })
  @Property({ type: 'text' })
  currency!: string;

  /** Grows with each change, so the donor subgraph's copy never goes back to an older price. */
  @Field(() => Int, { description: 'Grows by one with each change.' })
  @Property({ type: 'integer' })
  version: Opt<number> = 1;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
