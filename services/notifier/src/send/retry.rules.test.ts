import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRetryDelay } from './retry.rules.js';

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 };

test('transient failures back off exponentially with jitter, capped, then stop', () => {
  assert.equal(
    nextRetryDelay(1, policy, undefined, () => 1),
    1000,
  );
  assert.equal(
    nextRetryDelay(2, policy, undefined, () => 1),
    2000,
  );
  assert.equal(
    nextRetryDelay(3, policy, undefined, () => 1),
    4000,
  );
  assert.equal(
    nextRetryDelay(3, policy, undefined, () => 0),
    2000,
  );
  assert.equal(nextRetryDelay(4, policy, undefined), null);
  assert.equal(
    nextRetryDelay(3, { ...policy, maxAttempts: 10, maxDelayMs: 3000 }, undefined, () => 1),
    3000,
  );
});

test("a provider's Retry-After is honoured even above the backoff", () => {
  assert.equal(
    nextRetryDelay(1, policy, 30_000, () => 1),
    30_000,
  );
});
