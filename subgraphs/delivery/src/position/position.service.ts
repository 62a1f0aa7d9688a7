import type { EntityManager } from '@mikro-orm/postgresql';
import { LiveKind, type LiveKindName, type LivePayloads } from '@qurbani/events';
import { assertId, badInput, conflict, notFound, requireRole, Role, type Viewer } from '@qurbani/kit';
import { DeliveryStatus } from '../delivery/delivery.entity.js';
import { RouteStatus } from '../route/route.entity.js';
import { etaForStops } from './eta.js';
import type { PositionHistory } from './position.history.js';
import { POSITION_RULES, sample, triage, type Fix } from './position.rules.js';
import type { HotPosition, PositionStore } from './position.store.js';
import type { DriverPosition, PositionInput, PositionReport } from './position.types.js';
import type { RouteSnapshot, RouteSnapshots } from './route-snapshot.js';

/** Sends a live signal (core NATS); injected so the service does not know the transport. */
type LivePublish = <K extends LiveKindName>(kind: K, id: string, body: LivePayloads[K]) => void;

export interface PositionServiceDeps {
  store: PositionStore;
  routes: RouteSnapshots;
  history: PositionHistory;
  publish: LivePublish;
  now: () => Date;
}

/** Drivers' positions: the rules of `position.rules.ts`, the current position in Redis, sampled history, ETAs and live signals. */
export class PositionService {
  constructor(private readonly deps: PositionServiceDeps) {}

  async report(
    em: EntityManager,
    viewer: Viewer | null,
    routeId: string,
    points: PositionInput[],
  ): Promise<PositionReport> {
    const driver = requireRole(viewer, Role.DRIVER);
    const id = assertId(routeId, 'routeId');
    if (points.length < 1 || points.length > POSITION_RULES.maxBatch)
      throw badInput(`Give 1 to ${POSITION_RULES.maxBatch} points.`, 'points');
    const { current, version } = await this.deps.store.read(id);
    const route = await this.deps.routes.get(em, id, version);
    // Another driver's route does not exist for this one.
    if (!route || route.driverId !== driver.id) throw notFound('Route', routeId);
    if (route.status === RouteStatus.DONE) throw conflict('This route is finished; stop reporting positions for it.');

    const fixes: Fix[] = points.map((p) => ({
      lat: p.lat,
      lng: p.lng,
      fixTime: p.fixTime.getTime(),
      accuracy: p.accuracy ?? null,
      speed: p.speed ?? null,
    }));
    const result = triage(fixes, current, this.deps.now().getTime());
    const samples = sample(result.accepted, new Set(current ? [current.bucket] : []));
    let late = result.late;
    let stored: HotPosition | null = current;
    let etas: Map<string, number | null> | undefined;

    if (result.current) {
      const head = result.current;
      etas = etaForStops(head, head.fixTime, route.openStops);
      const bucket = Math.max(
        current?.bucket ?? -1,
        ...samples.filter((s) => s.fix.fixTime <= head.fixTime).map((s) => s.bucket),
      );
      const next: HotPosition = { ...head, bucket, etas: Object.fromEntries(etas) };
      if (await this.deps.store.advance(id, next)) {
        stored = next;
        this.announce(route, next);
      } else {
        // A later fix was stored meanwhile (another request of the same phone): ours is late.
        late += 1;
        etas = undefined;
      }
    }
    // ETAs are persisted with the sampled fixes (every 30 s per route); between, Redis has them.
    const headSampled = !!result.current && samples.some((s) => s.fix === result.current);
    this.deps.history.add(id, samples, headSampled ? etas : undefined);
    return {
      accepted: result.accepted.length,
      late,
      dropped: result.dropped,
      current: stored && toDriverPosition(id, null, stored),
    };
  }

  /** The routes' stops changed (started, delivered, moved): every replica re-reads them on their next report. */
  routesChanged(routeIds: readonly (string | null)[]): Promise<void> {
    return this.deps.store.bumpVersion([...new Set(routeIds.filter((id): id is string => !!id))]);
  }

  currentOf(routeIds: readonly string[]): Promise<(HotPosition | null)[]> {
    return this.deps.store.currentOf(routeIds);
  }

  /** Organizers' map gets every move; each delivery out for delivery gets it with its own ETA. */
  private announce(route: RouteSnapshot, at: HotPosition): void {
    const base = {
      routeId: route.routeId,
      lat: at.lat,
      lng: at.lng,
      fixTime: new Date(at.fixTime).toISOString(),
      accuracy: at.accuracy,
      speed: at.speed,
    };
    this.deps.publish(LiveKind.RoutePosition, route.routeId, base);
    for (const stop of route.openStops) {
      if (stop.status !== DeliveryStatus.OUT_FOR_DELIVERY) continue;
      const eta = at.etas[stop.deliveryId];
      this.deps.publish(LiveKind.Position, stop.deliveryId, {
        ...base,
        deliveryId: stop.deliveryId,
        eta: eta == null ? null : new Date(eta).toISOString(),
      });
    }
  }
}

/** The GraphQL view of a hot position, for a whole route or one of its deliveries. */
export function toDriverPosition(routeId: string, deliveryId: string | null, hot: HotPosition): DriverPosition {
  const eta = deliveryId ? hot.etas[deliveryId] : null;
  return {
    routeId,
    deliveryId,
    lat: hot.lat,
    lng: hot.lng,
    fixTime: new Date(hot.fixTime),
    accuracy: hot.accuracy,
    speed: hot.speed,
    eta: eta == null ? null : new Date(eta),
  };
}
