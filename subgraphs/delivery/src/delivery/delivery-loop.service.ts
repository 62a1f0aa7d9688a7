import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind } from '@qurbani/events';
import { assertId, audit, badInput, conflict, isOrganizer, notFound, type AuditActor } from '@qurbani/kit';
import { MeatPack, MeatPackStatus } from '../pack/meat-pack.entity.js';
import { Route, RouteStatus } from '../route/route.entity.js';
import { closeRouteWhenDone } from './delivery-proof.service.js';
import { Delivery, DeliveryStatus } from './delivery.entity.js';
import { drivenBy } from './delivery.policy.js';

const FAILABLE = new Set<DeliveryStatus>([DeliveryStatus.ASSIGNED, DeliveryStatus.OUT_FOR_DELIVERY]);
const REROUTABLE = new Set<DeliveryStatus>([DeliveryStatus.FAILED, DeliveryStatus.PLANNED, DeliveryStatus.ASSIGNED]);

/** When a handover does not happen: the attempt fails with a reason, then an organizer re-routes it. */
export class DeliveryLoopService {
  constructor(
    private readonly now: () => Date,
    private readonly routesChanged: (routeIds: (string | null)[]) => Promise<void> = async () => undefined,
  ) {}

  /** The assigned driver (or an organizer) says the pack could not be handed over, and why. */
  async fail(em: EntityManager, actor: AuditActor, id: string, reason: string): Promise<Delivery> {
    const why = reason.trim();
    if (why.length < 3 || why.length > 300) throw badInput('Say why in 3 to 300 characters.', 'reason');
    const routeId = await em.transactional(async (tx) => {
      const delivery = await this.lock(tx, actor, id);
      if (!FAILABLE.has(delivery.status)) throw conflict(`A delivery that is ${delivery.status} cannot fail.`);
      const before = delivery.status;
      Object.assign(delivery, { status: DeliveryStatus.FAILED, failureReason: why, failedAt: this.now(), eta: null });
      await tx.nativeUpdate(MeatPack, { id: delivery.packId }, { status: MeatPackStatus.PACKED });
      await tx.flush();
      if (delivery.routeId) await closeRouteWhenDone(tx, delivery.routeId);
      enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: DeliveryStatus.FAILED });
      await audit(tx, 'delivery', actor, {
        action: 'delivery.failed',
        entityType: 'Delivery',
        entityIds: [delivery.id, delivery.packId],
        before: { status: before, routeId: delivery.routeId },
        after: { status: DeliveryStatus.FAILED },
      });
      return delivery.routeId;
    });
    await this.routesChanged([routeId]);
    return em.findOneOrFail(Delivery, { id }, { refresh: true });
  }

  /** Organizers: the same pack for the same family goes out again, as the last stop of another route. */
  async reroute(em: EntityManager, actor: AuditActor, id: string, routeId: string): Promise<Delivery> {
    const target = assertId(routeId, 'routeId');
    const from = await em.transactional(async (tx) => {
      const delivery = await this.lock(tx, actor, id);
      if (!REROUTABLE.has(delivery.status))
        throw conflict(`A delivery that is ${delivery.status} cannot be re-routed.`);
      const route = await tx.findOne(Route, { id: target }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!route) throw notFound('Route', target);
      if (route.status === RouteStatus.DONE)
        throw conflict('That route is DONE; choose an open one or build a new one.');
      if (route.id === delivery.routeId && delivery.status !== DeliveryStatus.FAILED)
        throw conflict('The delivery is already on that route.');
      const last = await tx.findOne(Delivery, { routeId: route.id }, { orderBy: { stopIndex: 'desc' } });
      const before = { status: delivery.status, routeId: delivery.routeId, driverId: delivery.driverId };
      Object.assign(delivery, {
        routeId: route.id,
        driverId: route.driverId,
        stopIndex: (last?.stopIndex ?? 0) + 1,
        status: DeliveryStatus.ASSIGNED,
        eta: null,
      });
      await tx.nativeUpdate(MeatPack, { id: delivery.packId }, { status: MeatPackStatus.ASSIGNED });
      await tx.flush();
      if (before.routeId && before.routeId !== route.id) await closeRouteWhenDone(tx, before.routeId);
      enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: DeliveryStatus.ASSIGNED });
      await audit(tx, 'delivery', actor, {
        action: 'delivery.rerouted',
        entityType: 'Delivery',
        entityIds: [delivery.id, route.id],
        before,
        after: { status: DeliveryStatus.ASSIGNED, routeId: route.id, driverId: route.driverId },
      });
      return before.routeId;
    });
    await this.routesChanged([from, target]);
    return em.findOneOrFail(Delivery, { id }, { refresh: true });
  }

  /** Organizers any delivery; a driver only one on their route (to anyone else it does not exist). */
  private async lock(tx: EntityManager, actor: AuditActor, id: string): Promise<Delivery> {
    const mine = isOrganizer(actor.viewer) ? {} : drivenBy(actor.viewer!.id);
    const delivery = await tx.findOne(
      Delivery,
      { $and: [{ id: assertId(id) }, mine] },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!delivery) throw notFound('Delivery', id);
    return delivery;
  }
}
