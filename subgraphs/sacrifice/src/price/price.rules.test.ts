import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validSharePrice } from './price.rules.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('a share price, as the charity sets it', () => {
  it('is whole minor units in an upper-cased ISO currency', () => {
    assert.deepEqual(validSharePrice(9_500_00, ' pkr ', null), { amountMinor: 950_000, currency: 'PKR' });
  });

  it('refuses fractions, zero, negatives and absurd amounts', () => {
    for (const amount of [12.5, 0, -100, 1e9, Number.NaN])
      assert.equal(code(() => validSharePrice(amount, 'EUR', null))?.code, 'BAD_USER_INPUT');
  });

  it('refuses a second currency at the same site', () => {
    const problem = code(() => validSharePrice(1000, 'EUR', 'PKR'));
    assert.equal(problem?.code, 'BAD_USER_INPUT');
    assert.equal(problem?.field, 'currency');
    assert.deepEqual(validSharePrice(1000, 'pkr', 'PKR'), { amountMinor: 1000, currency: 'PKR' });
  });
});
