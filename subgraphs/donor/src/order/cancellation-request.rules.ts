import { conflict } from '@qurbani/kit';
import { CancellationStatus, OrderStatus } from './order.enums.js';

/**
 * Cancellation, the donor's side: a donor may ask only while the order is PLACED and unpaid (a paid
 * order is refunded by the charity instead). Asking again while a request is pending, or after the
 * order was cancelled, changes nothing. The sacrifice subgraph then decides (`cancellation.rules.ts`
 * there), because only it knows whether an allocation run just put a share on an animal.
 * Returns false when there is nothing to ask.
 */
export function mayRequestCancellation(
  order: { status: OrderStatus; cancellationStatus?: CancellationStatus | null },
  hasPayment: boolean,
): boolean {
  if (order.status === OrderStatus.EXPIRED) return false;
  if (order.status === OrderStatus.CANCELLED || order.cancellationStatus === CancellationStatus.REQUESTED) return false;
  if (order.status !== OrderStatus.PLACED)
    throw conflict('This order is already allocated to an animal and can no longer be cancelled.');
  if (hasPayment) throw conflict('This order has a payment; ask the charity for a refund instead.');
  return true;
}
