import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, Subject } from '@qurbani/events';
import type { Order } from '../order/order.entity.js';
import { PaymentStatus } from '../order/order.enums.js';
import { orderPaymentStatus } from './payment-state.rules.js';
import { Payment } from './payment.entity.js';

/**
 * Recomputes an order's payment status from its payments (the caller holds the order's row lock)
 * and tells the sacrifice subgraph when it changes what may be allocated: `order.paid` when the
 * order first becomes covered, `order.refunded` when a refund leaves a paid order uncovered.
 */
export async function settleOrder(tx: EntityManager, order: Order): Promise<void> {
  await tx.flush();
  const payments = await tx.find(Payment, { orderId: order.id });
  const next = orderPaymentStatus(order.amountMinor, payments);
  if (next === order.paymentStatus) return;
  const wasPaid = order.paymentStatus === PaymentStatus.PAID;
  order.paymentStatus = next;
  if (next === PaymentStatus.PAID) enqueue(tx, Subject.OrderPaid, { orderId: order.id });
  else if (wasPaid && (next === PaymentStatus.REFUNDED || next === PaymentStatus.PARTIALLY_REFUNDED))
    enqueue(tx, Subject.OrderRefunded, { orderId: order.id });
  enqueueLive(tx, LiveKind.Order, order.id, { status: order.status });
}
