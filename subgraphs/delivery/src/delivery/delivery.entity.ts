import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DeliveryStatus {
  PLANNED = 'PLANNED',
  ASSIGNED = 'ASSIGNED',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus', description: 'PLANNED until a route gives it a driver.' });

/**
 * One pack carried to one family. One pack per family per season is enforced by the database:
 * `pack_id` is unique (a delivery carries exactly one pack, a pack goes once) and so is
 * (`recipient_id`, `campaign`).
 */
@ObjectType({ description: "One meat pack carried to one family, proved with the family's PIN." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'delivery' })
@Unique({ name: 'delivery_recipient_campaign_uniq', properties: ['recipientId', 'campaign'] })
export class Delivery {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Property({ type: 'uuid', unique: true })
  packId!: string;

  @Field({ description: 'The season: Hijri year in which the delivery was planned.' })
  @Property({ type: 'text' })
  campaign!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  driverId: string | null = null;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  routeId: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Position in its route, 1 first.' })
  @Property({ type: 'integer', nullable: true })
  stopIndex: number | null = null;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: 'text' })
  status: Opt<DeliveryStatus> = DeliveryStatus.PLANNED;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  eta: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (the driver or an organizer said).',
  })
  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  failedAt: Date | null = null;

  @Field(() => Boolean, {
    description: 'Whether confirmDelivery needs a proof photo uploaded by the driver (photoId).',
  })
  @Property({ type: 'boolean', default: false })
  photoRequired: Opt<boolean> = false;

  @Field(() => String, {
    nullable: true,
    description: 'Storage key of the checked proof photo the delivery was confirmed with.',
  })
  @Property({ type: 'text', nullable: true })
  proofPhotoKey: string | null = null;

  @Property({ type: 'text', hidden: true })
  pinSalt!: string;

  @Property({ type: 'text', hidden: true })
  pinHash!: string;

  @Property({ type: 'integer' })
  pinFailures: Opt<number> = 0;

  /**
   * The PIN, encrypted (PII key), kept only to send it again when the delivery sets out and erased
   * once it is delivered; the driver's check uses `pinHash`.
   */
  @Property({ type: 'text', nullable: true })
  pinEncrypted: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
