import { LockMode, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload, Subject } from '@qurbani/events';
import { assertId, audit, SYSTEM_ACTOR } from '@qurbani/kit';
import { Animal } from '../animal/animal.entity.js';
import { reannounce } from '../sacrifice/reannounce.js';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { CancelledOrder } from './cancelled-order.entity.js';
import { OrderShare } from './order-share.entity.js';
import { PaidOrder } from './paid-order.entity.js';
import { placesFreed, releasedOnRefund } from './refund.rules.js';

const unique = (values: string[]) => [...new Set(values)];

/**
 * A refund left the order unpaid: it is no longer allocatable, its waiting shares go, and its names
 * come off every animal not yet sacrificed, whose places the next paid shares of that species and
 * site take (`refund.rules.ts`). Changed sacrifices are announced again (`sacrifice.allocated`, and
 * `sacrifice.assigned` with the new names when an executor has them), so no one says a refunded name.
 */
export async function onOrderRefunded(
  em: EntityManager,
  payload: EventPayload<typeof Subject.OrderRefunded>,
  now: () => Date,
): Promise<void> {
  const orderId = assertId(payload.orderId, 'orderId');
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [orderId]);
  await em.nativeDelete(PaidOrder, { orderId });
  await em
    .createQueryBuilder(CancelledOrder)
    .insert({ orderId, cancelledAt: now() })
    .onConflict('orderId')
    .ignore()
    .execute('run');
  await em.nativeDelete(OrderShare, { orderId, sacrificeId: null });
  const placed = await em.find(
    OrderShare,
    { orderId, sacrificeId: { $ne: null } },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const sacrificeIds = unique(placed.map((s) => s.sacrificeId!));
  const at = now();
  const released: string[] = [];
  for (const sacrificeId of sacrificeIds) {
    const sacrifice = await em.findOneOrFail(Sacrifice, { id: sacrificeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!releasedOnRefund(sacrifice.status)) continue;
    released.push(sacrificeId);
    await em.nativeDelete(OrderShare, { orderId, sacrificeId });
    const animal = await em.findOneOrFail(Animal, { id: sacrifice.animalId });
    const remaining = await em.count(OrderShare, { sacrificeId });
    const replacements = await em.find(
      OrderShare,
      {
        species: sacrifice.species,
        sacrificeId: null,
        $or: [{ siteId: sacrifice.siteId }, { siteId: null }],
        [raw((a) => `exists (select 1 from paid_order p where p.order_id = ${a}.order_id)`)]: [],
      },
      {
        orderBy: { shareId: 'asc' },
        limit: placesFreed(animal.sharesCapacity, remaining),
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      },
    );
    for (const share of replacements) share.sacrificeId = sacrificeId;
    await em.flush();
    const shares = await em.find(OrderShare, { sacrificeId }, { orderBy: { shareId: 'asc' } });
    sacrifice.orderIds = unique(shares.map((s) => s.orderId));
    sacrifice.donorIds = unique(shares.map((s) => s.donorId));
    await reannounce(em, sacrifice, at);
  }
  // The refund itself is the donor subgraph's record (payment.refunded); this is what it did to the animals.
  await audit(em, 'sacrifice', SYSTEM_ACTOR, {
    action: 'order.refund-applied',
    entityType: 'Order',
    entityIds: [orderId, ...released],
    after: { sacrificesReleased: released.length, sacrificesKept: sacrificeIds.length - released.length },
  });
}
