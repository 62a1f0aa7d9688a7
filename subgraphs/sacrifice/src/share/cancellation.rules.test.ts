import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancellationDecision } from './cancellation.rules.js';

describe('cancelling an order, as the charity decides it', () => {
  it('confirms while no share is on an animal', () => {
    assert.deepEqual(cancellationDecision([{ sacrificeId: null }, { sacrificeId: null }]), { decision: 'CONFIRMED' });
    assert.deepEqual(cancellationDecision([]), { decision: 'CONFIRMED' });
  });

  it('refuses the whole order once any share is allocated, rather than splitting it', () => {
    assert.deepEqual(cancellationDecision([{ sacrificeId: null }, { sacrificeId: 's-1' }]), {
      decision: 'REFUSED',
      reason: 'ALREADY_ALLOCATED',
    });
  });
});
