import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ContactChannel } from '../donor/donor.enums.js';
import { Notification } from './notification.entity.js';

export enum DeliveryStatus {
  DELIVERED = 'DELIVERED',
  QUEUED = 'QUEUED',
  FAILED = 'FAILED',
}

registerEnumType(DeliveryStatus, {
  name: 'NotificationDeliveryStatus',
  description:
    "DELIVERED: it reached the channel (the in-app feed at once); QUEUED: waits for that channel's sender; FAILED: the sender gave up.",
});

/** The send log: one row per channel the recipient chose, for each notification. */
@ObjectType({ description: 'How one notification went out on one channel.' })
@Entity({ tableName: 'notification_delivery' })
@Unique({ properties: ['notificationId', 'channel'] })
export class NotificationDelivery {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Notification, { mapToPk: true, fieldName: 'notification_id' })
  notificationId!: string;

  @Field(() => ContactChannel)
  @Enum({ items: () => ContactChannel, type: 'text' })
  channel!: ContactChannel;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: 'text' })
  status!: DeliveryStatus;

  @Field(() => String, { nullable: true, description: 'Why it is queued or failed.' })
  @Property({ type: 'text', nullable: true })
  detail: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
