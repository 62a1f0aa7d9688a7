import type { ReceiptLinks } from '../receipt/receipt-links.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { Order } from '../order/order.entity.js';
import { ownedBy } from '../order/order.policy.js';
import { CancellationStatus, OrderStatus, PaymentStatus } from '../order/order.enums.js';
import { CardDeclined, type PaymentProvider } from './payment-provider.js';
import { settleOrder } from './payment-settlement.js';
import { Payment } from './payment.entity.js';

export class CardPaymentService {
  constructor(
    private readonly provider: PaymentProvider | null,
    private readonly receipts?: ReceiptLinks,
  ) {}

  /**
   * Starts a card payment of the whole order for its donor. The provider call is idempotent per
   * order, amount and failed attempt so far: asking again while one is pending returns the same one.
   * The payment row is PENDING; only the provider's signed events move it.
   */
  async start(em: EntityManager, actor: AuditActor, donorId: string, orderId: string, paymentMethod?: string) {
    const provider = this.provider;
    if (!provider) throw badInput('This charity takes no card payments; pay by bank transfer or in cash.', 'orderId');
    const id = assertId(orderId, 'orderId');
    const order = await em.fork().findOne(Order, { $and: [{ id }, ownedBy(donorId)] });
    if (!order) throw notFound('Order', id);
    if (order.status !== OrderStatus.PLACED) throw conflict(`This order is ${order.status.toLowerCase()}.`);
    if (order.cancellationStatus === CancellationStatus.REQUESTED) throw conflict('You asked to cancel this order.');
    if (order.paymentStatus === PaymentStatus.PAID) throw conflict('This order is already paid.');
    const failed = await em
      .fork()
      .count(Payment, { orderId: id, provider: provider.name, status: PaymentStatus.FAILED });
    const idempotencyKey = `order-${id}-${order.amountMinor}-${failed}`;
    try {
      const started = await provider.start({
        orderId: id,
        amountMinor: order.amountMinor,
        currency: order.currency,
        idempotencyKey,
        paymentMethod,
      });
      await this.remember(em, actor, order, provider.name, started.reference, PaymentStatus.PENDING);
      return { ...started, provider: provider.name, amountMinor: order.amountMinor, currency: order.currency };
    } catch (error) {
      if (!(error instanceof CardDeclined)) throw error;
      if (error.reference) await this.remember(em, actor, order, provider.name, error.reference, PaymentStatus.FAILED);
      throw badInput(`The card was declined (${error.reason}); try another card.`, 'paymentMethod');
    }
  }

  /** The attempt's row; a webhook that came first may have made it already, and wins. */
  private async remember(
    em: EntityManager,
    actor: AuditActor,
    order: Order,
    provider: string,
    reference: string,
    status: PaymentStatus,
  ): Promise<void> {
    await em.fork().transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Order, { id: order.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (await tx.count(Payment, { provider, reference })) return;
      const payment = tx.create(Payment, {
        orderId: order.id,
        amountMinor: order.amountMinor,
        currency: order.currency,
        provider,
        reference,
        status,
        recordedBy: actor.viewer!.id,
      });
      // A declined attempt may leave the order FAILED (every attempt failed) until the next one.
      await settleOrder(tx, locked, this.receipts);
      await audit(tx, 'donor', actor, {
        action: status === PaymentStatus.FAILED ? 'payment.card-declined' : 'payment.card-started',
        entityType: 'Payment',
        entityIds: [payment.id, order.id],
        after: { provider, status, amountMinor: order.amountMinor, currency: order.currency },
      });
    });
  }
}
