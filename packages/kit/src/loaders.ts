import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. Never shared across requests: a loader caches
 * what one viewer was allowed to see.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders `rows` to match `keys`, with `null` where a key has no row (DataLoader's contract). */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r] as const));
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups `rows` per key, with an empty list where a key has none. */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
