import { publishLive } from '@qurbani/events';
import {
  csvExportRoutes,
  csvImportRoute,
  FieldCipher,
  openRedis,
  startSubgraph,
  type RunningSubgraph,
} from '@qurbani/kit';
import { createObjectStore } from '@qurbani/storage';
import type { DeliveryConfig } from './config.js';
import { DeliveryLoopService } from './delivery/delivery-loop.service.js';
import { DeliveryProofService } from './delivery/delivery-proof.service.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { recipientsImport } from './import/recipients.import.js';
import { deliveriesCsv } from './delivery/deliveries.export.js';
import { entities } from './entities.js';
import { deliveryConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { MeatPackService } from './pack/meat-pack.service.js';
import { PositionHistory } from './position/position.history.js';
import { positionRoute } from './position/position.route.js';
import { PositionService } from './position/position.service.js';
import { PositionStore } from './position/position.store.js';
import { routeReader, RouteSnapshots } from './position/route-snapshot.js';
import { photoUploadRoute } from './photo/photo-upload.route.js';
import { RecipientService } from './recipient/recipient.service.js';
import { RouteService } from './route/route.service.js';
import { buildDeliverySchema } from './schema.js';
import { mountTrackRoute } from './tracking/track.route.js';
import { RevokedLinks } from './tracking/revoked-links.js';
import { FamilyNotices } from './notice/family-notices.js';
import { TrackingLinkService } from './tracking/tracking-link.service.js';

export type { DeliveryConfig } from './config.js';
export { buildDeliverySchema } from './schema.js';

/** The delivery subgraph: recipients, packs, routes, proof of delivery and live driver positions. */
export function startDeliverySubgraph(config: DeliveryConfig): Promise<RunningSubgraph> {
  const now = config.now ?? (() => new Date());
  return startSubgraph(config, {
    name: 'delivery',
    entities,
    migrations,
    messaging: config,
    async wire({ orm, messaging, life, telemetry }) {
      const redis = openRedis(config.redisUrl ?? 'redis://127.0.0.1:6379', life, telemetry);
      const redisPrefix = config.redisPrefix ?? (config.subjectPrefix ? `${config.subjectPrefix}:` : 'qurbani:');
      const recipients = new RecipientService(config.piiKey);
      const history = new PositionHistory(orm, new FieldCipher(config.piiKey));
      life.defer('position history', () => history.close());
      const positions = new PositionService({
        store: new PositionStore(redis, redisPrefix),
        routes: new RouteSnapshots({ read: routeReader(recipients.privacy), fork: () => orm.em.fork() }),
        history,
        publish: (kind, id, body) => publishLive(messaging.nats.nc, config.subjectPrefix, kind, id, body),
        now,
      });
      // Best effort, after the commit: a lost bump delays position fan-out for a changed stop by a minute at most.
      const routesChanged = (ids: (string | null)[]) =>
        positions.routesChanged(ids).catch((error) => console.error('delivery: could not mark routes changed', error));
      const trackingTtlSeconds = config.trackingLinkTtlSeconds ?? 72 * 3600;
      const notices = new FamilyNotices({
        piiKey: config.piiKey,
        sealKey: config.notifySealKey,
        trackingUrlBase: config.trackingUrlBase ?? 'http://localhost:4000/track/',
        trackingTtlSeconds,
        now,
      });
      const services = {
        recipients,
        packs: new MeatPackService(),
        deliveries: new DeliveryService(config.piiKey, now, notices),
        proof: new DeliveryProofService(config.piiKey, now, notices, routesChanged),
        loop: new DeliveryLoopService(now, routesChanged),
        routes: new RouteService(recipients.privacy, routesChanged),
        positions,
        trackingLinks: new TrackingLinkService(
          config.internalSecret,
          trackingTtlSeconds,
          new RevokedLinks(redis, redisPrefix, now),
          now,
        ),
      };
      return {
        schema: await buildDeliverySchema(services),
        consumers: deliveryConsumers,
        routes: (app) => {
          positionRoute(positions, orm, config.internalSecret)(app);
          mountTrackRoute(app, orm, config.internalSecret, now);
          csvExportRoutes(orm, config.internalSecret, [deliveriesCsv])(app);
          csvImportRoute(orm, config.internalSecret, recipientsImport(recipients.privacy))(app);
          photoUploadRoute({
            orm,
            internalSecret: config.internalSecret,
            store: config.photoStore ?? createObjectStore(),
            maxBytes: config.photoMaxBytes ?? 10 * 1024 * 1024,
            now,
          })(app);
        },
      };
    },
  });
}
