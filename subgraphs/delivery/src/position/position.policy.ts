import { isOrganizer, type Viewer } from '@qurbani/kit';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';

/**
 * Who may see where the driver of a delivery is. The delivery must already have been reached
 * through the visibility rules (so the viewer is an organizer, its driver, a donor whose sacrifice
 * filled the pack, or the family's tracking link); organizers and the driver always, the donor
 * and the family only while the pack is on its way.
 */
export function mayFollowDriver(viewer: Viewer | null, delivery: Delivery): boolean {
  if (!viewer || !delivery.routeId) return false;
  if (isOrganizer(viewer) || delivery.driverId === viewer.id) return true;
  return delivery.status === DeliveryStatus.OUT_FOR_DELIVERY;
}
