import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { Order } from '../order/order.entity.js';
import { assertAmountMinor } from '../shared/money.js';
import { CARD_PROVIDERS, RefundRefused, type PaymentProvider } from './payment-provider.js';
import { settleOrder } from './payment-settlement.js';
import { nextPaymentState, refundableMinor } from './payment-state.rules.js';
import { PaymentRefund } from './payment-refund.entity.js';
import { Payment } from './payment.entity.js';
import { requiredText } from '../shared/text.js';
import type { RefundPaymentInput } from './refund.inputs.js';

const SAME_REFERENCE = 'A refund with this reference was already made for another amount.';

export class RefundService {
  constructor(private readonly provider: PaymentProvider | null) {}

  /**
   * An organizer refunds part or all of a payment. Money paid offline is recorded as paid back at
   * once; a card payment's refund is asked of its provider, and the payment moves when the provider's
   * signed refund event arrives (as every card movement does). The same reference again is the same
   * refund: a double click or a retry after a crash refunds once.
   */
  async refund(em: EntityManager, actor: AuditActor, input: RefundPaymentInput): Promise<Payment> {
    const paymentId = assertId(input.paymentId, 'paymentId');
    const amountMinor = assertAmountMinor(input.amountMinor);
    const reason = requiredText(input.reason, 'reason', 500);
    const reference = requiredText(input.reference, 'reference', 200);
    let refund: PaymentRefund;
    let payment: Payment;
    try {
      ({ refund, payment } = await em
        .fork()
        .transactional((tx) => this.record(tx, actor, { paymentId, amountMinor, reason, reference })));
    } catch (error) {
      // Two organizers sending the same reference at once: the unique constraint decides.
      if (error instanceof UniqueConstraintViolationException) throw conflict(SAME_REFERENCE);
      throw error;
    }
    if (this.provider && payment.provider === this.provider.name && refund.providerRefundId === null)
      await this.askProvider(em, this.provider, payment, refund);
    return em.fork().findOneOrFail(Payment, { id: payment.id });
  }

  private async record(
    tx: EntityManager,
    actor: AuditActor,
    asked: { paymentId: string; amountMinor: number; reason: string; reference: string },
  ): Promise<{ refund: PaymentRefund; payment: Payment }> {
    const found = await tx.findOne(Payment, { id: asked.paymentId });
    if (!found) throw notFound('Payment', asked.paymentId);
    // The order's row lock, as payments, webhooks and cancellations take it: one order, one writer.
    const order = await tx.findOneOrFail(Order, { id: found.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const payment = await tx.findOneOrFail(Payment, { id: found.id }, { refresh: true });
    const earlier = await tx.find(PaymentRefund, { paymentId: payment.id });
    const same = earlier.find((r) => r.reference === asked.reference);
    if (same) {
      if (same.amountMinor !== asked.amountMinor) throw conflict(SAME_REFERENCE);
      return { refund: same, payment };
    }
    const card = CARD_PROVIDERS.has(payment.provider);
    if (card && payment.provider !== this.provider?.name)
      throw conflict(`This ${payment.provider} payment can be refunded only where ${payment.provider} is configured.`);
    const left = refundableMinor(
      payment,
      earlier.reduce((sum, r) => sum + r.amountMinor, 0),
    );
    if (left === 0) throw conflict('Nothing is left to refund on this payment.');
    if (asked.amountMinor > left)
      throw badInput(`At most ${left} minor units of ${payment.currency} are left to refund.`, 'amountMinor');
    const refund = tx.create(PaymentRefund, { ...asked, requestedBy: actor.viewer!.id });
    const before = { status: payment.status, refundedMinor: payment.refundedMinor, orderStatus: order.paymentStatus };
    if (!card) {
      // Paid back offline: the organizer's record is the event.
      const next = nextPaymentState(payment, {
        kind: 'refunded',
        amountRefundedMinor: payment.refundedMinor + asked.amountMinor,
      });
      payment.status = next.status;
      payment.refundedMinor = next.refundedMinor;
      payment.updatedAt = new Date();
      await settleOrder(tx, order);
    }
    await tx.flush();
    await audit(tx, 'donor', actor, {
      action: card ? 'payment.refund-requested' : 'payment.refunded',
      entityType: 'Payment',
      entityIds: [payment.id, order.id],
      before,
      after: { amountMinor: asked.amountMinor, currency: payment.currency, status: payment.status },
    });
    return { refund, payment };
  }

  /** Outside the transaction: a provider call never holds the order's lock. */
  private async askProvider(em: EntityManager, provider: PaymentProvider, payment: Payment, refund: PaymentRefund) {
    try {
      const { id } = await provider.refund({
        reference: payment.reference,
        amountMinor: refund.amountMinor,
        idempotencyKey: `refund-${refund.id}`,
      });
      await em.fork().nativeUpdate(PaymentRefund, { id: refund.id }, { providerRefundId: id });
    } catch (error) {
      if (!(error instanceof RefundRefused)) throw error;
      // Refused, so it never counts against what is left; the audit record keeps that it was asked.
      await em.fork().nativeDelete(PaymentRefund, { id: refund.id });
      throw badInput(`${provider.name} refused the refund: ${error.message}`, 'amountMinor');
    }
  }
}
