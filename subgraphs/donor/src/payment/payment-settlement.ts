import type { EntityManager } from '@mikro-orm/postgresql';
import { documentLanguage } from '@qurbani/documents';
import { enqueue, enqueueLive, LiveKind, NotificationKind, Subject } from '@qurbani/events';
import { Donor } from '../donor/donor.entity.js';
import type { Order } from '../order/order.entity.js';
import { PaymentStatus } from '../order/order.enums.js';
import { orderPaymentStatus } from './payment-state.rules.js';
import type { ReceiptLinks } from '../receipt/receipt-links.js';
import { Payment } from './payment.entity.js';

/** A receipt link in a notification is read later than one asked for in the app. */
const NOTIFIED_RECEIPT_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Recomputes an order's payment status from its payments (the caller holds the order's row lock)
 * and tells the sacrifice subgraph when it changes what may be allocated: `order.paid` when the
 * order first becomes covered, `order.refunded` when a refund leaves a paid order uncovered.
 * With `receipts`, the donor is told the payment arrived, with a link to the receipt of the
 * payment that completed the order.
 */
export async function settleOrder(tx: EntityManager, order: Order, receipts?: ReceiptLinks): Promise<void> {
  await tx.flush();
  const payments = await tx.find(Payment, { orderId: order.id }, { orderBy: { recordedAt: 'asc', id: 'asc' } });
  const next = orderPaymentStatus(order.amountMinor, payments);
  if (next === order.paymentStatus) return;
  const wasPaid = order.paymentStatus === PaymentStatus.PAID;
  order.paymentStatus = next;
  if (next === PaymentStatus.PAID) {
    enqueue(tx, Subject.OrderPaid, { orderId: order.id });
    const last = payments.filter((p) => p.status === PaymentStatus.PAID).at(-1);
    if (receipts && last) {
      const donor = await tx.findOne(Donor, { id: order.donorId });
      const link = receipts.signForMessage(last.id, documentLanguage(donor?.language), NOTIFIED_RECEIPT_TTL_SECONDS);
      enqueue(tx, Subject.NotificationSend, {
        recipientAccountId: order.donorId,
        kind: NotificationKind.OrderPaid,
        params: { orderId: order.id, paymentId: last.id, receiptUrl: link.url },
      });
    }
  } else if (wasPaid && (next === PaymentStatus.REFUNDED || next === PaymentStatus.PARTIALLY_REFUNDED))
    enqueue(tx, Subject.OrderRefunded, { orderId: order.id });
  enqueueLive(tx, LiveKind.Order, order.id, { status: order.status });
}
