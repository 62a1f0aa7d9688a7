import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, NotificationKind, Subject } from '@qurbani/events';
import { assertId, audit, badInput, conflict, findPage, notFound, type AuditActor, type PageArgs } from '@qurbani/kit';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';
import type { RecipientPrivacy } from '../recipient/recipient-privacy.js';
import { Recipient } from '../recipient/recipient.entity.js';
import { assertDrives } from '../driver/driver.check.js';
import { orderStops } from './route-order.js';
import { Route, RouteStatus } from './route.entity.js';

const MAX_STOPS = 200;
const MOVABLE = new Set<DeliveryStatus>([DeliveryStatus.PLANNED, DeliveryStatus.ASSIGNED]);

export class RouteService {
  constructor(
    private readonly privacy: RecipientPrivacy,
    /** Told after a commit that moved stops between routes (live positions re-read them). */
    private readonly routesChanged: (routeIds: (string | null)[]) => Promise<void> = async () => undefined,
  ) {}

  /** A new route for one driver; deliveries already on another route that has not set out move to it. */
  async build(em: EntityManager, actor: AuditActor, deliveryIds: string[], driverId: string): Promise<Route> {
    const driver = assertId(driverId, 'driverId');
    const ids = deliveryIds.map((id) => assertId(id, 'deliveryIds'));
    if (ids.length < 1 || ids.length > MAX_STOPS) throw badInput(`Give 1 to ${MAX_STOPS} deliveries.`, 'deliveryIds');
    if (new Set(ids).size !== ids.length) throw badInput('A delivery appears twice.', 'deliveryIds');
    const built = await em.transactional(async (tx) => {
      // Locked so two organizers routing the same delivery at once cannot both take it.
      const deliveries = await tx.find(Delivery, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const missing = ids.find((id) => !deliveries.some((d) => d.id === id));
      if (missing) throw notFound('Delivery', missing);
      const stuck = deliveries.find((d) => !MOVABLE.has(d.status));
      if (stuck) throw conflict(`Delivery ${stuck.id} is ${stuck.status} and cannot be routed again.`);
      await assertDrives(tx, driver, deliveries);

      const recipients = new Map(
        (await tx.find(Recipient, { id: { $in: deliveries.map((d) => d.recipientId) } })).map((r) => [r.id, r]),
      );
      const stops = orderStops(
        deliveries.map((d) => {
          const recipient = recipients.get(d.recipientId)!;
          return { id: d.id, delivery: d, priority: recipient.priority, location: this.privacy.locationOf(recipient) };
        }),
      );
      const route = tx.create(Route, { driverId: driver });
      const previousRoutes = new Set(deliveries.map((d) => d.routeId).filter((id): id is string => !!id));
      stops.forEach((stop, i) =>
        Object.assign(stop.delivery, {
          routeId: route.id,
          stopIndex: i + 1,
          driverId: driver,
          status: DeliveryStatus.ASSIGNED,
        }),
      );
      for (const d of deliveries) enqueueLive(tx, LiveKind.Delivery, d.id, { status: DeliveryStatus.ASSIGNED });
      enqueue(tx, Subject.NotificationSend, {
        recipientAccountId: driver,
        kind: NotificationKind.RouteAssigned,
        params: { routeId: route.id, stops: String(stops.length) },
      });
      await tx.flush();
      for (const routeId of previousRoutes) await this.closeGaps(tx, routeId);
      await audit(tx, 'delivery', actor, {
        action: 'route.built',
        entityType: 'Route',
        entityIds: [route.id, driver, ...ids],
        after: { stops: ids.length, driverId: driver, movedFrom: [...previousRoutes] },
      });
      return { route, previousRoutes };
    });
    await this.routesChanged([built.route.id, ...built.previousRoutes]);
    return built.route;
  }

  async list(em: EntityManager, driverId: string | null, page: PageArgs) {
    return findPage(em, Route, driverId ? { driverId } : {}, page);
  }

  /** Renumbers what is left of a route some stops moved away from; drops it when nothing is left. */
  private async closeGaps(tx: EntityManager, routeId: string): Promise<void> {
    const left = await tx.find(Delivery, { routeId }, { orderBy: { stopIndex: 'asc' } });
    if (left.length === 0) {
      await tx.nativeDelete(Route, { id: routeId, status: RouteStatus.PLANNED });
      return;
    }
    left.forEach((d, i) => {
      d.stopIndex = i + 1;
    });
    await tx.flush();
  }
}
