import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';

/**
 * A proof-of-delivery photo the driver uploaded for one delivery: `confirmDelivery(photoId)` accepts
 * it only for that delivery and that driver. Only photos whose bytes checked out are recorded.
 */
@Entity({ tableName: 'delivery_photo' })
@Index({ name: 'delivery_photo_delivery_idx', properties: ['deliveryId', 'driverId'] })
export class DeliveryPhoto {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  deliveryId!: string;

  @Property({ type: 'uuid' })
  driverId!: string;

  /** Where the object store keeps it: `delivery-photos/<deliveryId>/<id>`. */
  @Property({ type: 'text' })
  storageKey!: string;

  @Property({ type: 'text' })
  contentType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'text' })
  sha256!: string;

  @Property({ type: 'timestamptz' })
  uploadedAt: Opt<Date> = new Date();
}
