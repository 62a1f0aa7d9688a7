import type { EntityManager } from '@mikro-orm/postgresql';
import { renderReceipt, type CharityDetails, type DocumentLanguage } from '@qurbani/documents';
import { Order } from '../order/order.entity.js';
import { PaymentStatus } from '../order/order.enums.js';
import { Payment } from '../payment/payment.entity.js';

/** A receipt number a person can read out: the year paid and the payment id's first 8 hex digits. */
const receiptNumber = (payment: Payment): string =>
  `R-${payment.recordedAt.getUTCFullYear()}-${payment.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/** Money that was taken has a receipt (refunded or not); a pending or failed attempt has none. */
export const hasReceipt = (payment: Payment): boolean =>
  payment.status !== PaymentStatus.PENDING && payment.status !== PaymentStatus.FAILED;

/** Gathers one payment's receipt and renders it; null when there is no such receipt. */
export class ReceiptService {
  constructor(private readonly charity: CharityDetails) {}

  async render(em: EntityManager, paymentId: string, language: DocumentLanguage): Promise<Buffer | null> {
    const payment = await em.findOne(Payment, { id: paymentId });
    if (!payment || !hasReceipt(payment)) return null;
    const order = await em.findOneOrFail(Order, { id: payment.orderId });
    return renderReceipt(
      {
        number: receiptNumber(payment),
        paidAt: payment.recordedAt,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        refundedMinor: payment.refundedMinor,
        provider: payment.provider,
        reference: payment.reference,
        orderId: order.id,
        names: order.shares.map((s) => s.offeredFor),
        charity: this.charity,
      },
      language,
    );
  }
}
