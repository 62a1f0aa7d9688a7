import { hasRole, isAccount, isOrganizer, isTrackingLink, Role, type Viewer } from '@qurbani/kit';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';

/**
 * Who may see where the driver of a delivery is. The delivery must already have passed
 * `deliveryFilter` (so the viewer is an organizer, its driver, a donor whose sacrifice filled the
 * pack, or the family's live tracking link); organizers and the driver always, the donor and the
 * family only while the pack is on its way.
 */
export function mayFollowDriver(viewer: Viewer | null, delivery: Delivery): boolean {
  if (!delivery.routeId || !(isAccount(viewer) || isTrackingLink(viewer))) return false;
  if (isOrganizer(viewer) || (hasRole(viewer, Role.DRIVER) && delivery.driverId === viewer!.id)) return true;
  return delivery.status === DeliveryStatus.OUT_FOR_DELIVERY;
}
