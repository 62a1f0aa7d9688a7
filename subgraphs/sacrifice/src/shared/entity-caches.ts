import type { MikroORM } from '@mikro-orm/postgresql';
import { wrap } from '@mikro-orm/core';
import { EntityCache, invalidateOnCommit, type EntityCacheMetrics } from '@qurbani/kit';
import type { Redis } from 'ioredis';
import { Animal } from '../animal/animal.entity.js';
import { Site } from '../site/site.entity.js';

/**
 * Rows every tracking screen shows and few writes change, shared by the replicas in Redis: a
 * donor's sacrifices all point at one site, and reloading the screen reads the same animals again.
 */
export interface SacrificeCaches {
  readonly sites: EntityCache<Site>;
  readonly animals: EntityCache<Animal>;
}

export interface SacrificeCacheOptions {
  orm: MikroORM;
  redis: Redis;
  keyPrefix: string;
  metrics: EntityCacheMetrics;
  onError: (error: unknown) => void;
}

export function sacrificeCaches(options: SacrificeCacheOptions): SacrificeCaches {
  const { orm, onError } = options;
  const cacheOf = <T extends Site | Animal>(entity: new () => T, dateFields: (keyof T & string)[]) => {
    const cache = new EntityCache<T>({
      ...options,
      entity: entity.name,
      keyPrefix: `${options.keyPrefix}sacrifice:`,
      dateFields,
      load: async (ids) =>
        (await orm.em.fork().find(entity, { id: { $in: [...ids] } } as never)).map((row) => wrap(row).toObject() as T),
      idOf: (row) => row.id,
    });
    invalidateOnCommit(orm, entity, cache, onError);
    return cache;
  };
  return {
    sites: cacheOf(Site, ['createdAt', 'archivedAt']),
    animals: cacheOf(Animal, ['createdAt']),
  };
}
