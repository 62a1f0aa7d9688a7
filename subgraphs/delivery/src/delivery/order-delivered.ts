import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, SacrificeProgress, Subject } from '@qurbani/events';
import { MeatPackStatus } from '../pack/meat-pack.entity.js';

// Per-order advisory locks: two last packs of one order confirmed at once serialise here, so the
// later one sees the earlier's commit and the order is announced (READ COMMITTED re-reads per statement).
const ORDER_LOCK = 'select pg_advisory_xact_lock(hashtext(?))';

/**
 * After a pack of `sacrificeId` was delivered (in the same transaction): each order of that sacrifice
 * whose every known sacrifice was performed, has packs, and has them all delivered gets one
 * `order.delivered`. The donor subgraph moves the order to DELIVERED (idempotently).
 */
export async function announceDeliveredOrders(tx: EntityManager, sacrificeId: string, at: Date): Promise<string[]> {
  const progress = await tx.findOne(SacrificeProgress, { sacrificeId });
  const delivered: string[] = [];
  for (const orderId of [...new Set(progress?.orderIds ?? [])].sort()) {
    await tx.execute(ORDER_LOCK, [orderId]);
    const sacrifices = await tx.find(SacrificeProgress, { orderIds: { $contains: [orderId] } });
    if (sacrifices.some((s) => !s.performedAt)) continue;
    const ids = sacrifices.map((s) => s.sacrificeId);
    // Raw, not through the identity map: this transaction just changed a pack's status with an UPDATE.
    const packs = await tx.execute<{ sacrificeId: string; status: string }[]>(
      'select sacrifice_id as "sacrificeId", status from meat_pack where sacrifice_id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
    const withPacks = new Set(packs.map((p) => p.sacrificeId));
    if (ids.some((id) => !withPacks.has(id)) || packs.some((p) => p.status !== MeatPackStatus.DELIVERED)) continue;
    enqueue(tx, Subject.OrderDelivered, { orderId, sacrificeIds: ids, deliveredAt: at.toISOString() });
    delivered.push(orderId);
  }
  return delivered;
}
