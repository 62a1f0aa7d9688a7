import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum PushDeviceKind {
  WEB = 'WEB',
  FCM = 'FCM',
}

registerEnumType(PushDeviceKind, {
  name: 'PushDeviceKind',
  description: 'WEB: a browser Push API subscription (its JSON); FCM: a Firebase Cloud Messaging registration token.',
});

/**
 * A device that receives push for an account. The token is personal data (it reaches one phone):
 * stored encrypted, found again by its keyed digest, never shown back. The notifier reports dead
 * tokens (UNREGISTERED) and the row is deleted.
 */
@ObjectType({ description: 'A device registered for push notifications.' })
@Entity({ tableName: 'push_device' })
@Unique({ properties: ['tokenDigest'] })
@Index({ properties: ['accountId'] })
export class PushDevice {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Field(() => PushDeviceKind)
  @Enum({ items: () => PushDeviceKind, type: 'text' })
  kind!: PushDeviceKind;

  @Property({ type: 'text' })
  tokenEncrypted!: string;

  @Property({ type: 'text' })
  tokenDigest!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
