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
  /** When it is read again in the background, even if its version is unchanged (epoch ms). */
  refreshAt: number;
}

type RouteRead = Omit<RouteSnapshot, 'version' | 'refreshAt'>;
/** Reads a route and its open stops from the database; null when there is no such route. */
export type ReadRoute = (em: EntityManager, routeId: string) => Promise<RouteRead | null>;

export interface RouteSnapshotsOptions {
  read: ReadRoute;
  /** A fresh EntityManager for a refresh that outlives the report that started it. */
  fork: () => EntityManager;
  maxRoutes?: number;
  now?: () => number;
  random?: () => number;
}

/** Re-read a route about this often (±25 %), even if a version bump was lost. */
const MAX_AGE_MS = 60_000;
/** After a failed background refresh, the next try. */
const RETRY_MS = 5_000;

const OPEN = [DeliveryStatus.ASSIGNED, DeliveryStatus.OUT_FOR_DELIVERY];

/** The database side of `RouteSnapshots`: two tables read and every location decrypted. */
export function routeReader(privacy: RecipientPrivacy): ReadRoute {
  return async (em, routeId) => {
    const route = await em.findOne(Route, routeId);
    if (!route) return null;
    const stops = await em.find(Delivery, { routeId, status: { $in: OPEN } }, { orderBy: { stopIndex: 'asc' } });
    const recipients = stops.length ? await em.find(Recipient, { id: { $in: stops.map((s) => s.recipientId) } }) : [];
    const byId = new Map(recipients.map((r) => [r.id, r]));
    return {
      routeId,
      driverId: route.driverId,
      status: route.status,
      openStops: stops.map((d) => {
        const location = privacy.locationOf(byId.get(d.recipientId)!);
        return { deliveryId: d.id, status: d.status, location: location && { lat: location.lat, lng: location.lon } };
      }),
    };
  };
}

/**
 * Per-process cache of route snapshots, valid while the route's version in Redis is unchanged:
 * a van reports every few seconds, its stops change a few times an hour, and reading two tables
 * and decrypting every location per report would be most of the cost of a report.
 *
 * A changed version is read before the report goes on. The periodic re-read (for a lost version
 * bump) is not: the report is served from the snapshot it has and the read runs behind it, at a
 * spread-out age. Vans that started together would otherwise all re-read in the same second a minute
 * later, and their reports would queue for the database pool (bench:live's p99 at 1,000 reports/s
 * went from ~65 ms to 150–300 ms in the windows where that happened).
 */
export class RouteSnapshots {
  private readonly cache = new Map<string, RouteSnapshot>();
  /** One read per route and version at a time, however many reports ask for it. */
  private readonly reading = new Map<string, Promise<RouteSnapshot | null>>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: RouteSnapshotsOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  async get(em: EntityManager, routeId: string, version: string): Promise<RouteSnapshot | null> {
    const hit = this.cache.get(routeId);
    if (hit?.version !== version) return this.read(() => em, routeId, version);
    if (this.now() >= hit.refreshAt) this.refreshBehind(hit);
    return hit;
  }

  private refreshBehind(hit: RouteSnapshot): void {
    this.read(this.options.fork, hit.routeId, hit.version).catch((error: unknown) => {
      hit.refreshAt = this.now() + RETRY_MS;
      console.error('delivery: could not re-read a route; its last snapshot stays in use', error);
    });
  }

  private read(em: () => EntityManager, routeId: string, version: string): Promise<RouteSnapshot | null> {
    const key = `${routeId} ${version}`;
    let reading = this.reading.get(key);
    if (!reading) {
      reading = this.readAndKeep(em(), routeId, version).finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
  }

  private async readAndKeep(em: EntityManager, routeId: string, version: string): Promise<RouteSnapshot | null> {
    const read = await this.options.read(em, routeId);
    this.cache.delete(routeId);
    if (!read) return null;
    const refreshAt = this.now() + MAX_AGE_MS * (0.75 + 0.5 * this.random());
    const snapshot: RouteSnapshot = { ...read, version, refreshAt };
    this.cache.set(routeId, snapshot);
    if (this.cache.size > (this.options.maxRoutes ?? 20_000)) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }
}
