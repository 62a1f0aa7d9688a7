import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ContactChannel } from '../donor/donor.enums.js';
import { Notification } from './notification.entity.js';

/** The send statuses of `@qurbani/events` (`SendStatus`), as the notifier reports them. */
export enum DeliveryStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  UNREGISTERED = 'UNREGISTERED',
  DEAD = 'DEAD',
}

registerEnumType(DeliveryStatus, {
  name: 'NotificationDeliveryStatus',
  description:
    "QUEUED: waits for its turn (retries, quiet hours, rate limits); SENT: the provider took it; DELIVERED: it arrived (the in-app feed at once; otherwise the provider's receipt); FAILED: this channel refused it for good (a fallback channel may follow); UNREGISTERED: the address or device no longer exists; DEAD: retries ran out, an organizer may replay it.",
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

  @Field(() => String, { nullable: true, description: "Why it is queued or failed (the provider's code)." })
  @Property({ type: 'text', nullable: true })
  detail: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
