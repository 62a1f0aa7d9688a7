import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ContactChannel, Language } from './donor.enums.js';

/**
 * The donor side of an account: preferences and contact phone. The id is the account id, so the
 * row is created on first use (profile update or first order) instead of at registration.
 */
@ObjectType({ description: 'A donor: the person who orders shares. Same id as their account.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'donor' })
export class Donor {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => Language)
  @Enum({ items: () => Language, type: 'text' })
  language: Opt<Language> = Language.EN;

  @Field(() => [ContactChannel])
  @Enum({ items: () => ContactChannel, array: true, type: 'text[]' })
  contactChannels: Opt<ContactChannel[]> = [ContactChannel.IN_APP];

  /** Encrypted E.164 phone (FieldCipher); exposed through `DonorResolver.phone` only. */
  @Property({ type: 'text', nullable: true })
  phoneEncrypted: string | null = null;

  /** Encrypted e-mail address (FieldCipher); exposed through `DonorResolver.email` only. */
  @Property({ type: 'text', nullable: true })
  emailEncrypted: string | null = null;

  @Field(() => String, { nullable: true, description: 'IANA time zone quiet hours are read in, e.g. Asia/Karachi.' })
  @Property({ type: 'text', nullable: true })
  timeZone: string | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      'HH:MM-HH:MM (may wrap midnight): nothing but the in-app feed is sent then; messages wait until it ends.',
  })
  @Property({ type: 'text', nullable: true })
  quietHours: string | null = null;

  @Field(() => Boolean, {
    description: 'Proof videos open in their blurred rendition unless the donor asks for the original.',
  })
  @Property({ type: 'boolean' })
  blurVideosByDefault: Opt<boolean> = true;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
