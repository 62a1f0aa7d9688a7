import type { ReceiptLinks } from '../receipt/receipt-links.js';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind } from '@qurbani/events';
import { settleOrder } from './payment-settlement.js';
import { assertId, audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { Order } from '../order/order.entity.js';
import { CancellationStatus, OrderStatus } from '../order/order.enums.js';
import type { RecordPaymentInput } from './payment.inputs.js';
import { assertAmountMinor, normaliseCurrency } from '../shared/money.js';
import { Payment } from './payment.entity.js';
import { requiredText } from '../shared/text.js';
import { CARD_PROVIDERS } from './payment-provider.js';

const DUPLICATE = 'This provider reference is already recorded.';

export class PaymentService {
  constructor(private readonly receipts?: ReceiptLinks) {}

  /**
   * Records money received offline (cash, bank transfer) by an organizer; the order becomes PAID
   * once its payments cover the amount.
   */
  async record(em: EntityManager, actor: AuditActor, organizerId: string, input: RecordPaymentInput): Promise<Order> {
    const orderId = assertId(input.orderId, 'orderId');
    const amountMinor = assertAmountMinor(input.amountMinor);
    const currency = normaliseCurrency(input.currency);
    const provider = requiredText(input.provider, 'provider', 40).toLowerCase();
    const reference = requiredText(input.reference, 'reference', 200);
    // Card payments are recorded by the provider's verified events only, never by hand.
    if (CARD_PROVIDERS.has(provider))
      throw badInput(`A ${provider} payment is recorded from ${provider}'s own signed events.`, 'provider');
    try {
      return await em.fork().transactional(async (tx) => {
        // The row lock serialises payments of one order (and cancelOrder), so the sum below is exact.
        const order = await tx.findOne(Order, { id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!order) throw notFound('Order', orderId);
        if (order.status === OrderStatus.CANCELLED) throw conflict('This order is cancelled.');
        if (order.status === OrderStatus.EXPIRED) throw conflict('This order expired unpaid; the donor orders again.');
        // A payment now could be followed by a confirmed cancellation: the donor would have paid for nothing.
        if (order.cancellationStatus === CancellationStatus.REQUESTED)
          throw conflict("The donor asked to cancel this order; wait for the charity's decision.");
        if (currency !== order.currency) throw badInput(`This order is paid in ${order.currency}.`, 'currency');
        if (await tx.count(Payment, { provider, reference })) throw conflict(DUPLICATE);
        const payment = tx.create(Payment, {
          orderId,
          amountMinor,
          currency,
          provider,
          reference,
          recordedBy: organizerId,
        });
        const before = { paymentStatus: order.paymentStatus };
        // Only once covered may the sacrifice subgraph put the order's shares on an animal.
        await settleOrder(tx, order, this.receipts);
        enqueueLive(tx, LiveKind.Order, order.id, { status: order.status });
        await tx.flush();
        // Amounts and the provider, never the provider's reference (it may identify the payer).
        await audit(tx, 'donor', actor, {
          action: 'payment.recorded',
          entityType: 'Payment',
          entityIds: [payment.id, orderId],
          before,
          after: { amountMinor, currency, provider, paymentStatus: order.paymentStatus },
        });
        return order;
      });
    } catch (error) {
      // Two organizers recording the same payment at once: the unique constraint decides.
      if (error instanceof UniqueConstraintViolationException) throw conflict(DUPLICATE);
      throw error;
    }
  }
}
