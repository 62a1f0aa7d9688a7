import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayRequestCancellation } from './cancellation-request.rules.js';
import { CancellationStatus, OrderStatus } from './order.enums.js';

const conflictWith = (text: RegExp) => (e: any) => e.extensions.code === 'CONFLICT' && text.test(e.message);

describe('a donor asking to cancel an order', () => {
  it('may ask while the order is placed and unpaid', () => {
    assert.equal(mayRequestCancellation({ status: OrderStatus.PLACED, cancellationStatus: null }, false), true);
    assert.equal(
      mayRequestCancellation({ status: OrderStatus.PLACED, cancellationStatus: CancellationStatus.REFUSED }, false),
      true,
    );
  });

  it('asks nothing again while a request is pending or once the order is cancelled', () => {
    assert.equal(
      mayRequestCancellation({ status: OrderStatus.PLACED, cancellationStatus: CancellationStatus.REQUESTED }, false),
      false,
    );
    assert.equal(
      mayRequestCancellation({ status: OrderStatus.CANCELLED, cancellationStatus: CancellationStatus.CONFIRMED }, true),
      false,
    );
  });

  it('is told why not once the order is allocated or paid', () => {
    assert.throws(
      () => mayRequestCancellation({ status: OrderStatus.ALLOCATED }, false),
      conflictWith(/already allocated/),
    );
    assert.throws(
      () => mayRequestCancellation({ status: OrderStatus.PLACED }, true),
      conflictWith(/ask the charity for a refund/),
    );
  });
});
