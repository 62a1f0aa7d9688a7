import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, audit, badInput, conflict, DomainError, ErrorCode, notFound, type AuditActor } from '@qurbani/kit';
import { AllocatedSacrifice, enqueue, enqueueLive, LiveKind, NotificationKind, Subject } from '@qurbani/events';
import { MeatPack, MeatPackStatus } from '../pack/meat-pack.entity.js';
import { Route, RouteStatus } from '../route/route.entity.js';
import { Delivery, DeliveryStatus } from './delivery.entity.js';
import { drivenBy } from './delivery.policy.js';
import { announceDeliveredOrders } from './order-delivered.js';
import { MAX_PIN_FAILURES, pinMatches } from './pin.js';
import type { FamilyNotices } from '../notice/family-notices.js';
import { Recipient } from '../recipient/recipient.entity.js';
import { proofPhoto } from '../photo/proof-photo.js';

const locked = () =>
  new DomainError(ErrorCode.RateLimited, "Too many wrong PINs: ask an organizer to reset this delivery's PIN.");

/** The driver's side of a delivery: set out, then prove it with the family's PIN. */
export class DeliveryProofService {
  constructor(
    private readonly piiKey: string,
    private readonly now: () => Date,
    private readonly notices: FamilyNotices,
    /** Told after a commit that changed which stops of a route are open (live positions re-read it). */
    private readonly routesChanged: (routeIds: (string | null)[]) => Promise<void> = async () => undefined,
  ) {}

  async start(em: EntityManager, driverId: string, id: string): Promise<Delivery> {
    const delivery = await this.assigned(em, driverId, id);
    if (delivery.status === DeliveryStatus.OUT_FOR_DELIVERY) return delivery; // a retried tap from a flaky phone
    if (delivery.status !== DeliveryStatus.ASSIGNED)
      throw conflict(`A delivery that is ${delivery.status} cannot start.`);
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(
        Delivery,
        { id: delivery.id, status: DeliveryStatus.ASSIGNED },
        { status: DeliveryStatus.OUT_FOR_DELIVERY },
      );
      await tx.nativeUpdate(MeatPack, { id: delivery.packId }, { status: MeatPackStatus.OUT_FOR_DELIVERY });
      if (delivery.routeId)
        await tx.nativeUpdate(
          Route,
          { id: delivery.routeId, status: RouteStatus.PLANNED },
          { status: RouteStatus.ACTIVE },
        );
      enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: DeliveryStatus.OUT_FOR_DELIVERY });
      if (delivery.pinEncrypted) {
        const recipient = await tx.findOneOrFail(Recipient, delivery.recipientId);
        const pin = this.notices.openPin(delivery.pinEncrypted);
        this.notices.tell(tx, delivery, recipient, pin, NotificationKind.FamilyOutForDelivery);
      }
    });
    await this.routesChanged([delivery.routeId]);
    return em.refreshOrFail(delivery);
  }

  async confirm(
    em: EntityManager,
    driverId: string,
    id: string,
    pin: string,
    photoId: string | null | undefined,
    actor: AuditActor,
  ): Promise<Delivery> {
    if (!/^\d{6}$/.test(pin)) throw badInput('The PIN has 6 digits.', 'pin');
    const delivery = await this.assigned(em, driverId, id);
    if (delivery.status === DeliveryStatus.DELIVERED) throw conflict('This delivery is already confirmed.');
    if (delivery.status !== DeliveryStatus.OUT_FOR_DELIVERY) throw conflict('Start the delivery before confirming it.');
    if (delivery.pinFailures >= MAX_PIN_FAILURES) throw locked();
    if (!pinMatches(pin, delivery, this.piiKey)) await this.countWrongPin(em, delivery);
    const photo = await proofPhoto(em, delivery, driverId, photoId);

    await em.transactional(async (tx) => {
      // Conditional: of two confirmations racing, or a confirmation racing the lock, one wins.
      const done = await tx.nativeUpdate(
        Delivery,
        { id: delivery.id, status: DeliveryStatus.OUT_FOR_DELIVERY, pinFailures: { $lt: MAX_PIN_FAILURES } },
        {
          status: DeliveryStatus.DELIVERED,
          deliveredAt: this.now(),
          proofPhotoKey: photo?.storageKey ?? null,
          pinEncrypted: null,
        },
      );
      if (!done) throw conflict('This delivery was confirmed or locked meanwhile.');
      await tx.nativeUpdate(MeatPack, { id: delivery.packId }, { status: MeatPackStatus.DELIVERED });
      if (delivery.routeId) await closeRouteWhenDone(tx, delivery.routeId);
      await this.tellDonors(tx, delivery);
      enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: DeliveryStatus.DELIVERED });
      const pack = await tx.findOneOrFail(MeatPack, delivery.packId);
      const orders = await announceDeliveredOrders(tx, pack.sacrificeId, this.now());
      await audit(tx, 'delivery', actor, {
        action: 'delivery.confirmed',
        entityType: 'Delivery',
        entityIds: [delivery.id, delivery.packId],
        before: { status: delivery.status },
        after: { status: DeliveryStatus.DELIVERED, photoId: photo?.id ?? null, ordersDelivered: orders },
      });
    });
    await this.routesChanged([delivery.routeId]);
    return em.refreshOrFail(delivery);
  }

  private async countWrongPin(em: EntityManager, delivery: Delivery): Promise<never> {
    const left = Math.max(0, MAX_PIN_FAILURES - delivery.pinFailures - 1);
    const counted = await em.transactional(async (tx) => {
      const n = await tx.nativeUpdate(
        Delivery,
        { id: delivery.id, pinFailures: { $lt: MAX_PIN_FAILURES } },
        { pinFailures: raw('pin_failures + 1') },
      );
      // Followers see `pinLocked` turn true.
      if (n && left === 0) enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: delivery.status });
      return n;
    });
    if (!counted) throw locked();
    throw new DomainError(
      ErrorCode.BadUserInput,
      left > 0
        ? `Wrong PIN; ${left} attempts left.`
        : 'Wrong PIN; the delivery is now locked until an organizer resets the PIN.',
      { field: 'pin', attemptsLeft: left },
    );
  }

  /** Ids only: the family's name, phone and address never leave this subgraph. */
  private async tellDonors(tx: EntityManager, delivery: Delivery): Promise<void> {
    const pack = await tx.findOneOrFail(MeatPack, delivery.packId);
    const allocation = await tx.findOne(AllocatedSacrifice, pack.sacrificeId);
    for (const donorId of allocation?.donorIds ?? []) {
      enqueue(tx, Subject.NotificationSend, {
        recipientAccountId: donorId,
        kind: NotificationKind.MeatDelivered,
        params: { deliveryId: delivery.id, sacrificeId: pack.sacrificeId },
      });
    }
  }

  /** Only the driver it is assigned to may act on it; to anyone else it does not exist. */
  private async assigned(em: EntityManager, driverId: string, id: string): Promise<Delivery> {
    const delivery = await em.findOne(Delivery, { $and: [{ id: assertId(id) }, drivenBy(driverId)] });
    if (!delivery) throw notFound('Delivery', id);
    return delivery;
  }
}

/** A route ends when every stop on it is delivered or failed. */
export async function closeRouteWhenDone(tx: EntityManager, routeId: string): Promise<void> {
  const open = await tx.count(Delivery, {
    routeId,
    status: { $nin: [DeliveryStatus.DELIVERED, DeliveryStatus.FAILED] },
  });
  if (open === 0) await tx.nativeUpdate(Route, { id: routeId }, { status: RouteStatus.DONE });
}
