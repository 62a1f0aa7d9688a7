import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A tannery that buys lots. Its contact is personal data: encrypted at rest, organizers only. */
@ObjectType({ description: 'A tannery buying hide lots. Organizers only.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'buyer' })
export class Buyer {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  /** FieldCipher text of the phone, email or address; see BuyerResolver.contact. */
  @Property({ type: 'text' })
  contactEncrypted!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
