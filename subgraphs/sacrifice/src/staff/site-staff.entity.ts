import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { SiteRole } from './site-role.js';

/** One account working at one site in one role: only such accounts are given that site's work. */
@ObjectType({ description: 'An account that works at a site, as an executor or a driver.' })
@Entity({ tableName: 'site_staff' })
@Unique({ properties: ['siteId', 'accountId', 'role'] })
export class SiteStaff {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  accountId!: string;

  @Field(() => SiteRole)
  @Enum({ items: () => SiteRole, type: 'text' })
  role!: SiteRole;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  addedAt: Opt<Date> = new Date();
}
