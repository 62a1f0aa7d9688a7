import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdExpired } from './order-hold.rules.js';
import { OrderStatus, PaymentStatus } from './order.enums.js';

const now = new Date('2026-05-20T12:00:00Z');
const order = (over: Partial<Parameters<typeof holdExpired>[0]> = {}) => ({
  status: OrderStatus.PLACED,
  paymentStatus: PaymentStatus.PENDING,
  expiresAt: new Date('2026-05-20T11:59:59Z'),
  ...over,
});

describe('an unpaid order holding its shares', () => {
  it('expires once its hold has passed while still placed and unpaid', () => {
    assert.equal(holdExpired(order(), now), true);
    assert.equal(holdExpired(order({ expiresAt: now }), now), true);
  });

  it('keeps its shares until then', () => {
    assert.equal(holdExpired(order({ expiresAt: new Date('2026-05-20T12:00:01Z') }), now), false);
  });

  it('never expires once paid, cancelled or allocated, nor without a hold', () => {
    assert.equal(holdExpired(order({ paymentStatus: PaymentStatus.PAID }), now), false);
    assert.equal(holdExpired(order({ status: OrderStatus.CANCELLED }), now), false);
    assert.equal(holdExpired(order({ status: OrderStatus.ALLOCATED }), now), false);
    assert.equal(holdExpired(order({ expiresAt: null }), now), false);
  });
});
