import { PaymentStatus } from '../order/order.enums.js';

/** What a verified provider event says about one payment. */
export type ProviderOutcome =
  | { kind: 'succeeded' }
  | { kind: 'failed' }
  /** `amountRefundedMinor` is the total refunded so far (Stripe's `amount_refunded`), not this refund alone. */
  | { kind: 'refunded'; amountRefundedMinor: number };

export interface PaymentState {
  status: PaymentStatus;
  amountMinor: number;
  refundedMinor: number;
}

/**
 * PRODUCT rule "Money": a card payment moves only on verified provider events, and events come
 * late, twice or out of order. So every move goes one way: a failure only touches a payment still
 * pending; a success lifts a pending or failed one (the donor retried) but never a refunded one; the
 * refunded total only grows. Applying the same events in any order ends in the same state.
 */
export function nextPaymentState(current: PaymentState, outcome: ProviderOutcome): PaymentState {
  switch (outcome.kind) {
    case 'failed':
      return current.status === PaymentStatus.PENDING ? { ...current, status: PaymentStatus.FAILED } : current;
    case 'succeeded':
      return current.status === PaymentStatus.PENDING || current.status === PaymentStatus.FAILED
        ? { ...current, status: PaymentStatus.PAID }
        : current;
    case 'refunded': {
      const refundedMinor = Math.min(current.amountMinor, Math.max(current.refundedMinor, outcome.amountRefundedMinor));
      if (refundedMinor === 0) return current;
      const status = refundedMinor >= current.amountMinor ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
      return { ...current, status, refundedMinor };
    }
  }
}

const RECEIVED = new Set([PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED]);

/**
 * What is left to refund on a payment: what was received, less the larger of what the provider says
 * is refunded and what organizers asked for (a card refund asked for is counted before its event
 * arrives, so two organizers cannot both refund the last of it). Nothing for money never received.
 */
export function refundableMinor(payment: PaymentState, askedMinor: number): number {
  if (!RECEIVED.has(payment.status)) return 0;
  return Math.max(0, payment.amountMinor - Math.max(payment.refundedMinor, askedMinor));
}

/** An order's payment status from its payments: what was received, less refunds, against the amount. */
export function orderPaymentStatus(amountMinor: number, payments: readonly PaymentState[]): PaymentStatus {
  const received = payments.filter((p) => RECEIVED.has(p.status));
  const net = received.reduce((sum, p) => sum + p.amountMinor - p.refundedMinor, 0);
  if (net >= amountMinor) return PaymentStatus.PAID;
  if (received.some((p) => p.refundedMinor > 0))
    return net === 0 ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  if (received.length === 0 && payments.length > 0 && payments.every((p) => p.status === PaymentStatus.FAILED))
    return PaymentStatus.FAILED;
  return PaymentStatus.PENDING;
}
