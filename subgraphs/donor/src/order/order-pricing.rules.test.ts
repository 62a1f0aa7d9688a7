import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderAmount, refuseClientPrice, validDonation } from './order-pricing.rules.js';

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe("an order's amount, as the charity prices it", () => {
  it('is the shares times the price of a share, plus the donation', () => {
    assert.equal(orderAmount(2, 95_000, 0), 190_000);
    assert.equal(orderAmount(7, 12_345, 500), 86_915);
  });

  it('takes no donation as zero and refuses a negative or fractional one', () => {
    assert.equal(validDonation(undefined), 0);
    assert.equal(validDonation(null), 0);
    assert.equal(validDonation(2_500), 2_500);
    for (const bad of [-1, 1.5]) assert.equal(problem(() => validDonation(bad))?.field, 'donationMinor');
  });

  it('refuses a client that names its own amount or currency', () => {
    assert.equal(problem(() => refuseClientPrice({ amountMinor: 1 }))?.code, 'BAD_USER_INPUT');
    assert.equal(problem(() => refuseClientPrice({ amountMinor: 1 }))?.field, 'amountMinor');
    assert.equal(problem(() => refuseClientPrice({ currency: 'EUR' }))?.field, 'currency');
    assert.equal(
      problem(() => refuseClientPrice({ amountMinor: null, currency: null })),
      undefined,
    );
  });

  it('refuses a total no integer column can hold', () => {
    assert.equal(problem(() => orderAmount(100, 30_000_000, 0))?.code, 'BAD_USER_INPUT');
  });
});
