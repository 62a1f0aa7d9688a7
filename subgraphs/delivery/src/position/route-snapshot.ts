import type { EntityManager } from '@mikro-orm/postgresql';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';
import type { RecipientPrivacy } from '../recipient/recipient-privacy.js';
import { Recipient } from '../recipient/recipient.entity.js';
import { Route, RouteStatus } from '../route/route.entity.js';
import type { LatLng } from './geo.js';

/** What a position report needs of its route: who drives it and the stops still to serve. */
export interface RouteSnapshot {
  routeId: string;
  driverId: string;
  status: RouteStatus;
  /** ASSIGNED and OUT_FOR_DELIVERY stops in route order, with the family's decrypted location. */
  openStops: { deliveryId: string; status: DeliveryStatus; location: LatLng | null }[];
  version: string;
  loadedAt: number;
}

/** Re-read a route at least this often, even if a version bump was lost. */
const MAX_AGE_MS = 60_000;

const OPEN = [DeliveryStatus.ASSIGNED, DeliveryStatus.OUT_FOR_DELIVERY];

/**
 * Per-process cache of route snapshots, valid while the route's version in Redis is unchanged:
 * a van reports every few seconds, its stops change a few times an hour, and reading two tables
 * and decrypting every location per report would be most of the cost of a report.
 */
export class RouteSnapshots {
  private readonly cache = new Map<string, RouteSnapshot>();

  constructor(
    private readonly privacy: RecipientPrivacy,
    private readonly maxRoutes = 20_000,
  ) {}

  async get(em: EntityManager, routeId: string, version: string): Promise<RouteSnapshot | null> {
    const hit = this.cache.get(routeId);
    // Valid while the route's version in Redis is the one it was read at (and not too old).
    if (hit?.version === version && Date.now() - hit.loadedAt < MAX_AGE_MS) return hit;
    const route = await em.findOne(Route, routeId);
    if (!route) return null;
    const stops = await em.find(Delivery, { routeId, status: { $in: OPEN } }, { orderBy: { stopIndex: 'asc' } });
    const recipients = stops.length ? await em.find(Recipient, { id: { $in: stops.map((s) => s.recipientId) } }) : [];
    const byId = new Map(recipients.map((r) => [r.id, r]));
    const snapshot: RouteSnapshot = {
      routeId,
      driverId: route.driverId,
      status: route.status,
      version,
      loadedAt: Date.now(),
      openStops: stops.map((d) => {
        const location = this.privacy.locationOf(byId.get(d.recipientId)!);
        return { deliveryId: d.id, status: d.status, location: location && { lat: location.lat, lng: location.lon } };
      }),
    };
    this.cache.delete(routeId);
    this.cache.set(routeId, snapshot);
    if (this.cache.size > this.maxRoutes) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }
}
