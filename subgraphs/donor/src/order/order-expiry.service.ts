import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, Subject } from '@qurbani/events';
import { holdExpired } from './order-hold.rules.js';
import { Order } from './order.entity.js';
import { CancellationStatus, OrderStatus, PaymentStatus } from './order.enums.js';

/** Orders expired per transaction; the next sweep takes the rest. */
const BATCH = 500;

/**
 * Expires unpaid orders whose hold has passed and tells the sacrifice subgraph (`order.expired`) to
 * release their shares. Rows are claimed FOR UPDATE SKIP LOCKED, so sweeps on several replicas take
 * disjoint orders, and a payment being recorded (which locks the order) is waited for, not lost.
 */
export class OrderExpiryService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** One pass; returns how many orders expired. */
  sweep(em: EntityManager): Promise<number> {
    return em.fork().transactional(async (tx) => {
      const at = this.now();
      const due = await tx.find(
        Order,
        {
          status: OrderStatus.PLACED,
          paymentStatus: PaymentStatus.PENDING,
          expiresAt: { $lte: at },
          // A donor's pending cancellation is the sacrifice subgraph's to answer first.
          $or: [{ cancellationStatus: null }, { cancellationStatus: { $ne: CancellationStatus.REQUESTED } }],
        },
        { limit: BATCH, orderBy: { expiresAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      const expired = due.filter((order) => holdExpired(order, at));
      for (const order of expired) {
        order.status = OrderStatus.EXPIRED;
        enqueue(tx, Subject.OrderExpired, { orderId: order.id });
        enqueueLive(tx, LiveKind.Order, order.id, { status: order.status });
      }
      return expired.length;
    });
  }
}
