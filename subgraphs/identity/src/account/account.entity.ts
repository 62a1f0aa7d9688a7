import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId, Role } from '@qurbani/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: 'What an account may do.' });

/** A person who signs in. Email and phone are stored encrypted; `loginDigest` finds an account by either. */
@ObjectType({ description: 'A person who signs in: donor, executor, reviewer, driver or organizer.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'account' })
export class Account {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field()
  @Property({ type: 'text' })
  displayName!: string;

  @Field(() => [Role])
  @Enum({ items: () => Role, array: true, type: 'text[]' })
  roles: Role[] = [];

  /** HMAC of the normalised email or phone: unique, searchable, and not the value itself. */
  @Property({ type: 'text', unique: true })
  loginDigest!: string;

  /** Encrypted email or phone (FieldCipher). */
  @Property({ type: 'text' })
  loginEncrypted!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;
}
