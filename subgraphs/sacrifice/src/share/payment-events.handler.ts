import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';
import { CancelledOrder } from './cancelled-order.entity.js';
import { OrderShare } from './order-share.entity.js';
import { PaidOrder } from './paid-order.entity.js';

/** The order is paid: its shares may now be allocated (whether or not they have arrived yet). */
export async function onOrderPaid(em: EntityManager, payload: EventPayload<typeof Subject.OrderPaid>): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  await em
    .createQueryBuilder(PaidOrder)
    .insert({ orderId, paidAt: new Date() })
    .onConflict('orderId')
    .ignore()
    .execute('run');
}

/**
 * The order's hold ran out unpaid. Unpaid shares are never allocated, so none of its shares is on an
 * animal: they are released, and the order is remembered so a late `order.placed` does not bring them back.
 */
export async function onOrderExpired(
  em: EntityManager,
  payload: EventPayload<typeof Subject.OrderExpired>,
  now: () => Date,
): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [orderId]);
  await em
    .createQueryBuilder(CancelledOrder)
    .insert({ orderId, cancelledAt: now() })
    .onConflict('orderId')
    .ignore()
    .execute('run');
  await em.nativeDelete(OrderShare, { orderId, sacrificeId: null });
}
