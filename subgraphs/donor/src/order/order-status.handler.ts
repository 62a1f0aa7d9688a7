import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  enqueue,
  enqueueLive,
  LiveKind,
  NotificationKind,
  Subject,
  type EventPayload,
  type SacrificeStatus,
} from '@qurbani/events';
import { isId } from '../shared/ids.js';
import { Order } from './order.entity.js';
import { OrderStatus, statusesAfter, statusesBefore } from './order.enums.js';

/** Sacrifice statuses that move an order; the others (assigned, flagged...) do not concern donors. */
const ORDER_STATUS_OF: Readonly<Partial<Record<SacrificeStatus, OrderStatus>>> = {
  ALLOCATED: OrderStatus.ALLOCATED,
  PERFORMED: OrderStatus.SACRIFICED,
  VERIFIED: OrderStatus.VERIFIED,
};

/** What a donor is told when their orders move; VERIFIED is told by the video subgraph with the verdict. */
const NOTICE_OF: Readonly<Partial<Record<SacrificeStatus, NotificationKind>>> = {
  ALLOCATED: NotificationKind.ShareAllocated,
  PERFORMED: NotificationKind.SacrificePerformed,
};

/**
 * Moves the orders of a sacrifice forward, never backwards and never out of CANCELLED: the status
 * condition sits in the UPDATE itself, so a late or repeated event changes nothing. The donor is
 * still told of a step whose event came late (an order already past it: events travel through
 * separate consumers and a NATS fault can delay one), but not twice of one step.
 */
export async function applySacrificeStatus(
  em: EntityManager,
  event: EventPayload<typeof Subject.SacrificeStatusChanged>,
): Promise<void> {
  const target = ORDER_STATUS_OF[event.status];
  const orderIds = [...new Set(event.orderIds)].filter(isId);
  if (!target || orderIds.length === 0) return;
  // Locked, so the orders that move are exactly those told to subscribers below.
  const orders = await em.find(
    Order,
    { id: { $in: orderIds } },
    { fields: ['id', 'donorId', 'status'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const before = new Set(statusesBefore(target));
  const after = new Set(statusesAfter(target));
  const moving = orders.filter((o) => before.has(o.status));
  const passed = orders.filter((o) => after.has(o.status));
  if (moving.length) {
    await em.nativeUpdate(Order, { id: { $in: moving.map((o) => o.id) } }, { status: target, updatedAt: new Date() });
    for (const order of moving) enqueueLive(em, LiveKind.Order, order.id, { status: target });
  }
  const notice = NOTICE_OF[event.status];
  if (!notice) return;
  const told = passed.length ? await alreadyTold(em, notice, event.sacrificeId, passed) : new Set<string>();
  // One message per donor and sacrifice, however many of their orders it concerns.
  for (const donorId of new Set([...moving, ...passed].map((o) => o.donorId)))
    if (!told.has(donorId))
      enqueue(em, Subject.NotificationSend, {
        recipientAccountId: donorId,
        kind: notice,
        params: { sacrificeId: event.sacrificeId },
      });
}

/**
 * Donors of orders already past this step who were told of it: a repeated event, not a late one.
 * The outbox keeps every notice this subgraph sent for 7 days (longer than a season), in flight ones
 * included, and the orders' row locks serialise two events of one sacrifice. Runs only for late events.
 */
async function alreadyTold(
  em: EntityManager,
  kind: NotificationKind,
  sacrificeId: string,
  orders: readonly { donorId: string }[],
): Promise<Set<string>> {
  const rows = await em.execute<{ donor: string }[]>(
    `select distinct payload->>'recipientAccountId' as donor from outbox_message
      where subject = ? and payload->>'kind' = ? and payload->'params'->>'sacrificeId' = ?
        and payload->>'recipientAccountId' = any(?::text[])`,
    [Subject.NotificationSend, kind, sacrificeId, `{${[...new Set(orders.map((o) => o.donorId))].join(',')}}`],
  );
  return new Set(rows.map((r) => r.donor));
}
