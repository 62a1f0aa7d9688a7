import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PaymentStatus } from '../order/order.enums.js';
import {
  nextPaymentState,
  orderPaymentStatus,
  refundableMinor,
  type PaymentState,
  type ProviderOutcome,
} from './payment-state.rules.js';

const pending: PaymentState = { status: PaymentStatus.PENDING, amountMinor: 190_000, refundedMinor: 0 };
const apply = (events: ProviderOutcome[]) => events.reduce(nextPaymentState, pending);
const ok: ProviderOutcome = { kind: 'succeeded' };
const failed: ProviderOutcome = { kind: 'failed' };
const refunded = (amountRefundedMinor: number): ProviderOutcome => ({ kind: 'refunded', amountRefundedMinor });

describe('a card payment, moved only by verified provider events', () => {
  it('is paid on success, and stays paid when the success comes twice', () => {
    assert.equal(apply([ok]).status, PaymentStatus.PAID);
    assert.deepEqual(apply([ok, ok]), apply([ok]));
  });

  it('lets a retried card succeed after a failure, but a late failure never undoes a success', () => {
    assert.equal(apply([failed, ok]).status, PaymentStatus.PAID);
    assert.equal(apply([ok, failed]).status, PaymentStatus.PAID);
  });

  it('is not flipped back to paid by a success delivered after its refund', () => {
    assert.deepEqual(apply([ok, refunded(190_000)]), apply([refunded(190_000), ok]));
    assert.equal(apply([refunded(190_000), ok]).status, PaymentStatus.REFUNDED);
  });

  it('counts partial refunds by their running total, whatever order they arrive in', () => {
    const partial = apply([ok, refunded(50_000)]);
    assert.deepEqual([partial.status, partial.refundedMinor], [PaymentStatus.PARTIALLY_REFUNDED, 50_000]);
    assert.deepEqual(apply([ok, refunded(90_000), refunded(50_000)]).refundedMinor, 90_000);
    assert.equal(apply([ok, refunded(50_000), refunded(190_000)]).status, PaymentStatus.REFUNDED);
  });
});

describe("an order's payment status", () => {
  const paid = (amountMinor: number, refundedMinor = 0): PaymentState => ({
    status: refundedMinor ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID,
    amountMinor,
    refundedMinor,
  });

  it('is paid once what was received, less refunds, covers the amount', () => {
    assert.equal(orderPaymentStatus(30_000, [paid(10_000)]), PaymentStatus.PENDING);
    assert.equal(orderPaymentStatus(30_000, [paid(10_000), paid(20_000)]), PaymentStatus.PAID);
  });

  it('is refunded or partly refunded once refunds leave it uncovered', () => {
    assert.equal(orderPaymentStatus(30_000, [paid(30_000, 5_000)]), PaymentStatus.PARTIALLY_REFUNDED);
    assert.equal(
      orderPaymentStatus(30_000, [{ status: PaymentStatus.REFUNDED, amountMinor: 30_000, refundedMinor: 30_000 }]),
      PaymentStatus.REFUNDED,
    );
  });

  it('is failed only when every attempt failed', () => {
    const failedOne = { status: PaymentStatus.FAILED, amountMinor: 30_000, refundedMinor: 0 };
    assert.equal(orderPaymentStatus(30_000, [failedOne]), PaymentStatus.FAILED);
    assert.equal(
      orderPaymentStatus(30_000, [failedOne, { ...failedOne, status: PaymentStatus.PENDING }]),
      PaymentStatus.PENDING,
    );
    assert.equal(orderPaymentStatus(30_000, []), PaymentStatus.PENDING);
  });
});

describe('what an organizer may still refund', () => {
  const paid: PaymentState = { status: PaymentStatus.PAID, amountMinor: 50_000, refundedMinor: 0 };
  it('is what was received, less refunds done or asked for, whichever is more', () => {
    assert.equal(refundableMinor(paid, 0), 50_000);
    assert.equal(refundableMinor(paid, 20_000), 30_000, 'a card refund asked for, its event not yet here');
    assert.equal(refundableMinor({ ...paid, refundedMinor: 35_000 }, 20_000), 15_000, 'also refunded at Stripe');
    assert.equal(refundableMinor({ ...paid, status: PaymentStatus.REFUNDED, refundedMinor: 50_000 }, 50_000), 0);
  });
  it('is nothing for money never received', () => {
    assert.equal(refundableMinor({ ...paid, status: PaymentStatus.PENDING }, 0), 0);
    assert.equal(refundableMinor({ ...paid, status: PaymentStatus.FAILED }, 0), 0);
  });
});
