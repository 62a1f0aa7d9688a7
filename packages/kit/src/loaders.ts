import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. Never shared across requests: a loader caches
 * what one viewer was allowed to see.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();
  private readonly fieldLoaders = new Map<string, FieldsLoader<any, any>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * A loader whose batch reads only the fields its callers ask for (`selectedFields`; none given
   * means every column). The fields of every load made before a batch goes out are read together,
   * so sibling fields asking for different columns of the same rows still share one query.
   */
  withFields<K, V>(key: string, batch: FieldsBatch<K, V>): FieldsLoader<K, V> {
    let loader = this.fieldLoaders.get(key);
    if (!loader) {
      loader = new FieldsLoader<K, V>(batch);
      this.fieldLoaders.set(key, loader);
    }
    return loader as FieldsLoader<K, V>;
  }
}

/** A batch of keys read with these fields (undefined: every column). */
export type FieldsBatch<K, V> = (keys: readonly K[], fields: readonly string[] | undefined) => Promise<(V | Error)[]>;

/** One batch's loader and the fields it reads; null fields: every column. */
interface Round<K, V> {
  readonly loader: DataLoader<K, V>;
  fields: Set<string> | null;
  sent: boolean;
}

export class FieldsLoader<K, V> {
  private round: Round<K, V>;

  constructor(private readonly batch: FieldsBatch<K, V>) {
    this.round = this.nextRound();
  }

  /**
   * The row of `key` with at least `fields`. A row already read with fewer fields is read again,
   * in a new round (a later step of the query asking for more than the first did).
   */
  load(key: K, fields?: readonly string[]): Promise<V> {
    let round = this.round;
    if (round.sent && !covers(round.fields, fields)) round = this.round = this.nextRound();
    if (!round.sent) {
      if (!fields) round.fields = null;
      else if (round.fields) for (const field of fields) round.fields.add(field);
    }
    return round.loader.load(key);
  }

  private nextRound(): Round<K, V> {
    const round: Round<K, V> = {
      fields: new Set(),
      sent: false,
      loader: new DataLoader<K, V>(
        (keys) => {
          round.sent = true;
          return this.batch(keys, round.fields ? [...round.fields].sort() : undefined);
        },
        { maxBatchSize: 1000 },
      ),
    };
    return round;
  }
}

const covers = (read: Set<string> | null, fields: readonly string[] | undefined) =>
  read === null || (fields !== undefined && fields.every((field) => read.has(field)));

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
