import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, isSpecies, Subject, type EventPayload } from '@qurbani/events';
import { assertId, audit, SYSTEM_ACTOR } from '@qurbani/kit';
import { cancellationDecision } from './cancellation.rules.js';
import { CancelledOrder } from './cancelled-order.entity.js';
import { OrderShare } from './order-share.entity.js';

/**
 * `order.placed` and `order.cancel-requested` reach separate consumers and may be handled out of
 * order or at the same time; an advisory lock per order serialises the two handlers of one order.
 */
const lockOrder = (em: EntityManager, orderId: string) =>
  em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [orderId]);

export async function onOrderPlaced(
  em: EntityManager,
  payload: EventPayload<typeof Subject.OrderPlaced>,
): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  const donorId = assertId(payload.donorId, 'donorId');
  if (!isSpecies(payload.species)) throw new Error(`order.placed with unknown species ${payload.species}`);
  await lockOrder(em, orderId);
  if (await em.count(CancelledOrder, { orderId })) return;
  const receivedAt = new Date();
  const siteId = payload.siteId ? assertId(payload.siteId, 'siteId') : null;
  const rows = payload.shares.map((s) => ({
    shareId: assertId(s.shareId, 'shareId'),
    orderId,
    donorId,
    species: payload.species,
    siteId,
    offeredFor: s.offeredFor.trim(),
    receivedAt,
  }));
  if (rows.length === 0) return;
  await em.createQueryBuilder(OrderShare).insert(rows).onConflict('shareId').ignore().execute('run');
}

/**
 * Decides a donor's cancellation, since this subgraph owns allocation. The order's shares are
 * locked FOR UPDATE: an allocation run that already claimed them (FOR UPDATE SKIP LOCKED) is waited
 * for and its result seen; one that starts later skips them and, once they are deleted, never
 * sees them. So either no share is on an animal and all are released (CONFIRMED), or some share is
 * and nothing changes (REFUSED): a partly allocated order is not split.
 */
export async function onOrderCancelRequested(
  em: EntityManager,
  payload: EventPayload<typeof Subject.OrderCancelRequested>,
  now: () => Date,
): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  await lockOrder(em, orderId);
  const shares = await em.execute<{ sacrificeId: string | null }[]>(
    'select sacrifice_id as "sacrificeId" from order_share where order_id = ? for update',
    [orderId],
  );
  const decidedAt = now().toISOString();
  const answer = cancellationDecision(shares);
  const record = () =>
    audit(em, 'sacrifice', SYSTEM_ACTOR, {
      action: 'order.cancel-decided',
      entityType: 'Order',
      entityIds: [orderId],
      after: { ...answer },
    });
  if (answer.decision === 'REFUSED') {
    enqueue(em, Subject.OrderCancelDecided, { orderId, ...answer, decidedAt });
    await record();
    return;
  }
  // Remembered so that an `order.placed` handled later does not bring the shares back.
  await em
    .createQueryBuilder(CancelledOrder)
    .insert({ orderId, cancelledAt: now() })
    .onConflict('orderId')
    .ignore()
    .execute('run');
  await em.nativeDelete(OrderShare, { orderId, sacrificeId: null });
  enqueue(em, Subject.OrderCancelDecided, { orderId, ...answer, decidedAt });
  await record();
}
