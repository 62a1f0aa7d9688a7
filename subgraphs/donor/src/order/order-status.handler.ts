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
import { OrderStatus, statusesBefore } from './order.enums.js';

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
 * condition sits in the UPDATE itself, so a late or repeated event changes nothing.
 */
export async function applySacrificeStatus(
  em: EntityManager,
  event: EventPayload<typeof Subject.SacrificeStatusChanged>,
): Promise<void> {
  const target = ORDER_STATUS_OF[event.status];
  const orderIds = [...new Set(event.orderIds)].filter(isId);
  if (!target || orderIds.length === 0) return;
  // Locked, so the orders that move are exactly those told to subscribers below.
  const moving = await em.find(
    Order,
    { id: { $in: orderIds }, status: { $in: statusesBefore(target) } },
    { fields: ['id', 'donorId'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (moving.length === 0) return;
  await em.nativeUpdate(Order, { id: { $in: moving.map((o) => o.id) } }, { status: target, updatedAt: new Date() });
  for (const order of moving) enqueueLive(em, LiveKind.Order, order.id, { status: target });
  const notice = NOTICE_OF[event.status];
  // One message per donor and sacrifice, however many of their orders it moved.
  if (notice)
    for (const donorId of new Set(moving.map((o) => o.donorId)))
      enqueue(em, Subject.NotificationSend, {
        recipientAccountId: donorId,
        kind: notice,
        params: { sacrificeId: event.sacrificeId },
      });
}
