import { Species } from '@qurbani/events';
import { registerEnumType } from 'type-graphql';

// The values are the events' (`@qurbani/events`); this subgraph only shows them in its schema.
export { Species };

export enum PaymentStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
}

export enum OrderStatus {
  PLACED = 'PLACED',
  ALLOCATED = 'ALLOCATED',
  SACRIFICED = 'SACRIFICED',
  VERIFIED = 'VERIFIED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

/** Where a donor's cancellation stands; the sacrifice subgraph, which allocates shares, decides it. */
export enum CancellationStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  REFUSED = 'REFUSED',
}

registerEnumType(Species, {
  name: 'Species',
  description: 'A sheep or goat is one share; a cow or camel is seven shares.',
});
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description:
    'PENDING until money is received; PAID once payments cover the amount; FAILED when the only attempts failed; REFUNDED or PARTIALLY_REFUNDED after refunds. Card payments move only on verified provider events.',
});
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description:
    'Moves forward only: PLACED, ALLOCATED, SACRIFICED, VERIFIED, DELIVERED; or CANCELLED while still PLACED; or EXPIRED when left unpaid past expiresAt.',
});
registerEnumType(CancellationStatus, {
  name: 'CancellationStatus',
  description:
    "REQUESTED until the charity's allocation confirms (the order becomes CANCELLED) or refuses (a share is already on an animal; the order goes on).",
});

/** The forward path of an order; CANCELLED is off the path and final. */
const ORDER_PROGRESS: readonly OrderStatus[] = [
  OrderStatus.PLACED,
  OrderStatus.ALLOCATED,
  OrderStatus.SACRIFICED,
  OrderStatus.VERIFIED,
  OrderStatus.DELIVERED,
];

/** Statuses an order may leave to reach `target` without going backwards. */
export const statusesBefore = (target: OrderStatus): OrderStatus[] =>
  ORDER_PROGRESS.slice(0, ORDER_PROGRESS.indexOf(target));

/** Statuses on the forward path beyond `target` (an event about `target` arriving there is late). */
export const statusesAfter = (target: OrderStatus): OrderStatus[] =>
  ORDER_PROGRESS.slice(ORDER_PROGRESS.indexOf(target) + 1);
