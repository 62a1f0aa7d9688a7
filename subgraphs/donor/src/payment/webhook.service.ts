import type { ReceiptLinks } from '../receipt/receipt-links.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, SYSTEM_ACTOR } from '@qurbani/kit';
import { Order } from '../order/order.entity.js';
import { PaymentStatus } from '../order/order.enums.js';
import type { VerifiedProviderEvent } from './payment-provider.js';
import { settleOrder } from './payment-settlement.js';
import { nextPaymentState } from './payment-state.rules.js';
import { Payment } from './payment.entity.js';

export type WebhookResult = 'applied' | 'duplicate' | 'unknown-payment' | 'mismatch';

export class WebhookService {
  constructor(private readonly receipts?: ReceiptLinks) {}

  /**
   * Applies one verified provider event, once: the event id is stored in the same transaction, so a
   * second delivery (or two at once) finds it and changes nothing. Moves go one way only
   * (`payment-state.rules.ts`), so events arriving out of order end in the same state.
   */
  apply(em: EntityManager, provider: string, event: VerifiedProviderEvent): Promise<WebhookResult> {
    return em.fork().transactional(async (tx) => {
      const inserted: unknown[] = await tx.execute(
        `insert into provider_event (provider, event_id, type, received_at) values (?, ?, ?, now())
         on conflict do nothing returning event_id`,
        [provider, event.id, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      const found = await tx.findOne(Payment, { provider, reference: event.reference });
      const orderId = found?.orderId ?? event.orderId;
      // The order's row lock first, as recordPayment and cancelOrder take it: one order, one writer.
      const order = orderId ? await tx.findOne(Order, { id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
      if (!order) return 'unknown-payment';
      const payment =
        found ??
        // The event came before the row `startCardPayment` writes after the provider answered.
        tx.create(Payment, {
          orderId: order.id,
          amountMinor: event.amountMinor,
          currency: event.currency,
          provider,
          reference: event.reference,
          status: PaymentStatus.PENDING,
          recordedBy: order.donorId,
        });
      // Money in another amount or currency than asked is not this order's payment: left for a person.
      if (
        event.currency !== payment.currency ||
        (event.outcome.kind === 'succeeded' && event.amountMinor !== payment.amountMinor)
      ) {
        console.error(`donor: ${provider} event ${event.id} does not match payment ${payment.id}; not applied`);
        return 'mismatch';
      }
      const before = {
        status: payment.status,
        refundedMinor: payment.refundedMinor,
        orderPaymentStatus: order.paymentStatus,
      };
      const next = nextPaymentState(payment, event.outcome);
      payment.status = next.status;
      payment.refundedMinor = next.refundedMinor;
      payment.updatedAt = new Date();
      await settleOrder(tx, order, this.receipts);
      await tx.flush();
      // The provider acted, not an account; its event id and the payment reference stay out (they may identify the payer).
      await audit(tx, 'donor', SYSTEM_ACTOR, {
        action: `payment.${event.outcome.kind}`,
        entityType: 'Payment',
        entityIds: [payment.id, order.id],
        before,
        after: {
          status: payment.status,
          refundedMinor: payment.refundedMinor,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          provider,
          orderPaymentStatus: order.paymentStatus,
        },
      });
      return 'applied';
    });
  }
}
