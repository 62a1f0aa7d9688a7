import { publishLive } from '@qurbani/events';
import { createOrm, FieldCipher, startSubgraph, type RunningSubgraph } from '@qurbani/kit';
import { Redis } from 'ioredis';
import type { DeliveryConfig } from './config.js';
import { DeliveryProofService } from './delivery/delivery-proof.service.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { entities } from './entities.js';
import { startMessaging } from './messaging.js';
import { migrations } from './migrations/index.js';
import { MeatPackService } from './pack/meat-pack.service.js';
import { PositionHistory } from './position/position.history.js';
import { positionRoute } from './position/position.route.js';
import { PositionService } from './position/position.service.js';
import { PositionStore } from './position/position.store.js';
import { RouteSnapshots } from './position/route-snapshot.js';
import { RecipientService } from './recipient/recipient.service.js';
import { RouteService } from './route/route.service.js';
import { buildDeliverySchema } from './schema.js';
import { RevokedLinks } from './tracking/revoked-links.js';
import { TrackingLinkService } from './tracking/tracking-link.service.js';

export type { DeliveryConfig } from './config.js';
export { buildDeliverySchema } from './schema.js';

/** Opens the database, applies migrations, starts the event consumer and relay, and serves the delivery subgraph. */
export async function startDeliverySubgraph(config: DeliveryConfig): Promise<RunningSubgraph> {
  const orm = await createOrm({ baseUrl: config.baseUrl, dbName: config.dbName, entities, migrations, onQuery: config.onQuery });
  const now = config.now ?? (() => new Date());
  const messaging = await startMessaging(orm, config).catch(async (error) => {
    await orm.close();
    throw error;
  });
  // Auto-pipelining: concurrent reports share one write per event-loop tick (each syscall is dear).
  const redis = new Redis(config.redisUrl ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const redisPrefix = config.redisPrefix ?? (config.subjectPrefix ? `${config.subjectPrefix}:` : 'qurbani:');
  const recipients = new RecipientService(config.piiKey);
  const history = new PositionHistory(orm, new FieldCipher(config.piiKey));
  const positions = new PositionService({
    store: new PositionStore(redis, redisPrefix),
    routes: new RouteSnapshots(recipients.privacy),
    history,
    publish: (kind, id, body) => publishLive(messaging.nc, config.subjectPrefix, kind, id, body),
    now,
  });
  // Best effort, after the commit: a lost bump delays position fan-out for a changed stop by a minute at most.
  const routesChanged = (ids: (string | null)[]) =>
    positions.routesChanged(ids).catch((error) => console.error('delivery: could not mark routes changed', error));
  const services = {
    recipients,
    packs: new MeatPackService(),
    deliveries: new DeliveryService(config.piiKey, now),
    proof: new DeliveryProofService(config.piiKey, now, routesChanged),
    routes: new RouteService(recipients.privacy, routesChanged),
    positions,
    trackingLinks: new TrackingLinkService(config.internalSecret, config.trackingLinkTtlSeconds ?? 72 * 3600, new RevokedLinks(redis, redisPrefix, now), now),
  };
  const schema = await buildDeliverySchema(services);
  return startSubgraph({
    name: 'delivery',
    port: config.port,
    host: config.host,
    schema,
    orm,
    internalSecret: config.internalSecret,
    routes: positionRoute(positions, orm, config.internalSecret),
    onClose: async () => {
      await history.close();
      await messaging.stop();
      redis.disconnect();
    },
  });
}
