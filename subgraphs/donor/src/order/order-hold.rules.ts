import { OrderStatus, PaymentStatus } from './order.enums.js';

/**
 * PRODUCT rule "Money": a share is allocated only once paid, and an unpaid order expires. An order
 * holds its shares until `expiresAt`; past it, still placed and not paid, it expires. Orders placed
 * before holds existed (no `expiresAt`) never expire by themselves.
 */
export function holdExpired(
  order: { status: OrderStatus; paymentStatus: PaymentStatus; expiresAt: Date | null },
  now: Date,
): boolean {
  return (
    order.status === OrderStatus.PLACED &&
    order.paymentStatus === PaymentStatus.PENDING &&
    order.expiresAt !== null &&
    order.expiresAt.getTime() <= now.getTime()
  );
}
