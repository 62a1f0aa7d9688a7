import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId } from '@qurbani/kit';
import { ALL_SPECIES, Species } from '../shared/species.js';
import { CancelledOrder } from './cancelled-order.entity.js';
import { OrderShare } from './order-share.entity.js';

/**
 * `order.placed` and `order.cancelled` reach separate consumers and may be handled out of order or
 * at the same time; an advisory lock per order serialises the two handlers of one order.
 */
const lockOrder = (em: EntityManager, orderId: string) => em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [orderId]);

export async function onOrderPlaced(em: EntityManager, payload: EventPayload<typeof Subject.OrderPlaced>): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  const donorId = assertId(payload.donorId, 'donorId');
  if (!ALL_SPECIES.includes(payload.species as Species)) throw new Error(`order.placed with unknown species ${payload.species}`);
  await lockOrder(em, orderId);
  if (await em.count(CancelledOrder, { orderId })) return;
  const receivedAt = new Date();
  const rows = payload.shares.map((s) => ({
    shareId: assertId(s.shareId, 'shareId'),
    orderId,
    donorId,
    species: payload.species as Species,
    offeredFor: s.offeredFor.trim(),
    receivedAt,
  }));
  if (rows.length === 0) return;
  await em.createQueryBuilder(OrderShare).insert(rows).onConflict('shareId').ignore().execute('run');
}

/** Drops the order's shares still waiting for an animal; allocated ones stay with their sacrifice. */
export async function onOrderCancelled(em: EntityManager, payload: EventPayload<typeof Subject.OrderCancelled>): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  await lockOrder(em, orderId);
  await em.createQueryBuilder(CancelledOrder).insert({ orderId, cancelledAt: new Date() }).onConflict('orderId').ignore().execute('run');
  await em.nativeDelete(OrderShare, { orderId, sacrificeId: null });
}
