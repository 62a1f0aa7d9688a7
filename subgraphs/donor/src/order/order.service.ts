import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, NotificationKind, Subject } from '@qurbani/events';
import { audit, badInput, conflict, newId, notFound, type AuditActor } from '@qurbani/kit';
import type { DonorService } from '../donor/donor.service.js';
import { Payment } from '../payment/payment.entity.js';
import { mayRequestCancellation } from './cancellation-request.rules.js';
import { Order } from './order.entity.js';
import { ownedBy } from './order.policy.js';
import { CancellationStatus } from './order.enums.js';
import type { PlaceOrderInput } from './order.inputs.js';
import { validatePlaceOrder, type OrderDraft } from './order.rules.js';
import { SiteArchive } from '../price/site-archive.entity.js';
import { SitePrice } from '../price/site-price.entity.js';
import { orderAmount } from './order-pricing.rules.js';

export class OrderService {
  constructor(
    private readonly donors: DonorService,
    /** How long an unpaid order holds its shares. */
    private readonly holdMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Places an order and queues `order.placed` in the same transaction. The same clientRequestId
   * from the same donor returns the first order: looked up first, and the unique constraint
   * settles two concurrent first attempts.
   */
  async place(em: EntityManager, donorId: string, input: PlaceOrderInput): Promise<Order> {
    const draft = validatePlaceOrder(input);
    const existing = await em.findOne(Order, { donorId, clientRequestId: draft.clientRequestId });
    if (existing) return sameRequest(existing, draft);
    try {
      return await em.fork().transactional(async (tx) => {
        // The price is the charity's (this subgraph's copy of the sacrifice subgraph's list), never the client's.
        const price = await tx.findOne(SitePrice, { siteId: draft.siteId, species: draft.species });
        if (!price) throw badInput('This site has no price for that species: it does not take such orders.', 'siteId');
        if ((await tx.findOne(SiteArchive, { siteId: draft.siteId }))?.archived)
          throw conflict('This site is archived: it takes no new orders.');
        await this.donors.ensure(tx, donorId);
        const placedAt = this.now();
        const order = tx.create(Order, {
          donorId,
          clientRequestId: draft.clientRequestId,
          species: draft.species,
          siteId: price.siteId,
          seasonId: price.seasonId,
          shareCount: draft.names.length,
          shares: draft.names.map((offeredFor, index) => ({ id: newId(), index, offeredFor })),
          unitPriceMinor: price.amountMinor,
          donationMinor: draft.donationMinor,
          amountMinor: orderAmount(draft.names.length, price.amountMinor, draft.donationMinor),
          currency: price.currency,
          createdAt: placedAt,
          expiresAt: new Date(placedAt.getTime() + this.holdMs),
        });
        enqueue(tx, Subject.OrderPlaced, {
          orderId: order.id,
          donorId,
          species: order.species,
          shares: order.shares.map((s) => ({ shareId: s.id, offeredFor: s.offeredFor })),
          siteId: price.siteId,
          seasonId: price.seasonId,
        });
        enqueue(tx, Subject.NotificationSend, {
          recipientAccountId: donorId,
          kind: NotificationKind.OrderPlaced,
          params: { orderId: order.id, shares: String(order.shareCount) },
        });
        return order;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await em.fork().findOneOrFail(Order, { donorId, clientRequestId: draft.clientRequestId });
      return sameRequest(winner, draft);
    }
  }

  /**
   * Asks to cancel: only the owner, only while PLACED and before any payment. The order stays PLACED
   * (cancellationStatus REQUESTED) until the sacrifice subgraph, which owns allocation, answers with
   * `sacrifice.order-cancel-decided`: deciding it here could cancel an order whose shares an
   * allocation run put on an animal a moment ago. Repeating a pending or done cancel is harmless.
   */
  cancel(em: EntityManager, actor: AuditActor, donorId: string, orderId: string): Promise<Order> {
    return em.fork().transactional(async (tx) => {
      // The row lock orders this against recordPayment and the event consumers.
      const order = await tx.findOne(Order, { id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!order || !(await tx.count(Order, { $and: [{ id: order.id }, ownedBy(donorId)] })))
        throw notFound('Order', orderId);
      if (!mayRequestCancellation(order, (await tx.count(Payment, { orderId })) > 0)) return order;
      const before = { status: order.status, cancellationStatus: order.cancellationStatus };
      order.cancellationStatus = CancellationStatus.REQUESTED;
      order.cancellationReason = null;
      enqueue(tx, Subject.OrderCancelRequested, { orderId });
      enqueueLive(tx, LiveKind.Order, orderId, { status: order.status });
      await tx.flush();
      await audit(tx, 'donor', actor, {
        action: 'order.cancel-requested',
        entityType: 'Order',
        entityIds: [orderId],
        before,
        after: { status: order.status, cancellationStatus: order.cancellationStatus },
      });
      return order;
    });
  }
}

/** A retry must be the same request; reusing a clientRequestId for another order is a client bug. */
function sameRequest(order: Order, draft: OrderDraft): Order {
  const same =
    order.species === draft.species &&
    order.siteId === draft.siteId &&
    order.donationMinor === draft.donationMinor &&
    order.shares.length === draft.names.length &&
    order.shares.every((s, i) => s.offeredFor === draft.names[i]);
  if (!same) throw conflict('This clientRequestId was already used for a different order.');
  return order;
}
