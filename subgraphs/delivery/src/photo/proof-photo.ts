import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, badInput } from '@qurbani/kit';
import type { Delivery } from '../delivery/delivery.entity.js';
import { DeliveryPhoto } from './delivery-photo.entity.js';

/**
 * The photo a confirmation names: one this driver uploaded for this delivery, or none when the
 * delivery does not require one. Another delivery's photo, or another driver's, does not prove this one.
 */
export async function proofPhoto(
  em: EntityManager,
  delivery: Delivery,
  driverId: string,
  photoId: string | null | undefined,
): Promise<DeliveryPhoto | null> {
  if (photoId == null) {
    if (delivery.photoRequired)
      throw badInput(
        'This delivery needs a proof photo: upload it to /uploads/delivery-photos/<deliveryId>, then confirm with its photoId.',
        'photoId',
      );
    return null;
  }
  const photo = await em.findOne(DeliveryPhoto, {
    id: assertId(photoId, 'photoId'),
    deliveryId: delivery.id,
    driverId,
  });
  if (!photo) throw badInput('No photo with this id was uploaded by you for this delivery.', 'photoId');
  return photo;
}
