import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind, type EventPayload, type Subject } from '@qurbani/events';
import { isId } from '../shared/ids.js';
import { Order } from './order.entity.js';
import { OrderStatus, statusesBefore } from './order.enums.js';

/**
 * `order.delivered`: every pack of the order reached a family. Forward only and never out of
 * CANCELLED (the condition is in the UPDATE), so a repeated event changes nothing.
 */
export async function applyOrderDelivered(
  em: EntityManager,
  event: EventPayload<typeof Subject.OrderDelivered>,
): Promise<void> {
  if (!isId(event.orderId)) return;
  const moved = await em.nativeUpdate(
    Order,
    { id: event.orderId, status: { $in: statusesBefore(OrderStatus.DELIVERED) } },
    { status: OrderStatus.DELIVERED, updatedAt: new Date() },
  );
  if (moved) enqueueLive(em, LiveKind.Order, event.orderId, { status: OrderStatus.DELIVERED });
}
