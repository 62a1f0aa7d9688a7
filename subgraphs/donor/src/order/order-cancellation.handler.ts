import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, Subject, type CancelRefusal, type EventPayload } from '@qurbani/events';
import { isId } from '../shared/ids.js';
import { Order } from './order.entity.js';
import { CancellationStatus, OrderStatus } from './order.enums.js';

/** What the donor reads when the charity could not cancel. */
const REFUSAL_TEXT: Readonly<Record<CancelRefusal, string>> = {
  ALREADY_ALLOCATED: 'Your shares were already allocated to an animal, so this order can no longer be cancelled.',
};

/**
 * Applies the sacrifice subgraph's decision on a cancellation request. Only CONFIRMED moves an
 * order to CANCELLED, and only from PLACED: the sacrifice subgraph released every share and will
 * allocate none. REFUSED leaves the order as it was, with the reason, and its allocation carries on.
 */
export async function applyCancelDecision(
  em: EntityManager,
  event: EventPayload<typeof Subject.OrderCancelDecided>,
): Promise<void> {
  if (!isId(event.orderId)) return;
  const order = await em.findOne(Order, { id: event.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!order || order.status === OrderStatus.CANCELLED) return;
  if (event.decision === 'CONFIRMED') {
    // Payments are refused while a cancellation is pending (PaymentService), so none can slip in here.
    if (order.status !== OrderStatus.PLACED)
      throw new Error(`cancellation confirmed for order ${order.id} in status ${order.status}`);
    order.status = OrderStatus.CANCELLED;
    order.cancellationStatus = CancellationStatus.CONFIRMED;
    order.cancellationReason = null;
    enqueue(em, Subject.OrderCancelled, { orderId: order.id });
  } else {
    if (order.cancellationStatus !== CancellationStatus.REQUESTED) return;
    order.cancellationStatus = CancellationStatus.REFUSED;
    order.cancellationReason = REFUSAL_TEXT[event.reason ?? 'ALREADY_ALLOCATED'] ?? REFUSAL_TEXT.ALREADY_ALLOCATED;
  }
  enqueueLive(em, LiveKind.Order, order.id, { status: order.status });
}
