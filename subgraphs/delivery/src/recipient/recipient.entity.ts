import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A family that receives meat: a record, not an account. Name, phone, address and coordinates are
 * resolved by `RecipientResolver` only for organizers and the family's driver; the contact fields
 * and the location are stored encrypted (FieldCipher).
 */
@ObjectType({ description: 'A family that receives meat. Contact details only for organizers and its driver.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'recipient' })
@Index({ name: 'recipient_region_priority_index', properties: ['region', 'priority'] })
export class Recipient {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: 'People in the household; one pack whatever the size.' })
  @Property({ type: 'integer' })
  householdSize!: number;

  @Field()
  @Property({ type: 'text' })
  region!: string;

  @Field(() => Int, { description: 'Lower is served first.' })
  @Property({ type: 'integer' })
  priority!: number;

  /** Encrypted E.164 phone. */
  @Property({ type: 'text' })
  phoneEncrypted!: string;

  @Property({ type: 'text' })
  addressEncrypted!: string;

  /** Encrypted `lat,lon`: a location is as personal as an address. */
  @Property({ type: 'text', nullable: true })
  locationEncrypted: string | null = null;

  @Field(() => String, { description: 'Language of its SMS: en, ar, fr, ur, bn or ha.' })
  @Property({ type: 'text', default: 'en' })
  language: Opt<string> = 'en';

  @Field(() => Date, { nullable: true, description: 'Set while archived: no new pack goes to this family.' })
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
