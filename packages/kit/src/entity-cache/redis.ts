import { Redis } from 'ioredis';
import type { ServiceMetrics } from '@qurbani/telemetry';
import type { Lifecycle } from '../lifecycle.js';
import type { ServiceTelemetry } from '../telemetry/service-telemetry.js';
import type { EntityCacheMetrics } from './entity-cache.js';

/**
 * A service's Redis client, closed with the service and checked by its readiness. Auto-pipelining:
 * concurrent requests share one write per event-loop turn (each syscall is dear here).
 */
export function openRedis(url: string, life: Lifecycle, telemetry: ServiceTelemetry): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  life.defer('redis', () => redis.disconnect());
  telemetry.readiness.add('redis', async () => (await redis.ping()) === 'PONG');
  return redis;
}

/** `entity_cache_requests_total{entity,outcome}`: the hit rate is hit / (hit + miss). */
export function entityCacheMetrics(metrics: ServiceMetrics): EntityCacheMetrics {
  const counter = metrics.counter(
    'entity_cache_requests_total',
    'Rows asked of the shared entity cache, by entity and outcome (hit, miss, error: Redis failed, read from the database).',
    ['entity', 'outcome'],
  );
  return { count: (entity, outcome, n) => n > 0 && counter.inc({ entity, outcome }, n) };
}
