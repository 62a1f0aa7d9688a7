import { ReferenceKind, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely, type Transaction as KyselyTransaction } from 'kysely';
import { leanSql } from './lean-sql.js';

type Transaction = KyselyTransaction<unknown>;

export interface LeanFindOptions<T> {
  orderBy?: QueryOrderMap<T>;
  limit?: number;
  /**
   * The properties to read (`selectedFields` gives those a query asks for); the primary key is
   * always read. Reading any other property of such a row throws, so a resolver that needs a column
   * nobody listed fails loudly instead of seeing `undefined`. A name that is not a column this read
   * builds (a getter, a collection, a typo) makes it read every column, as without `fields`.
   */
  fields?: readonly string[];
}

/**
 * Rows for a read-only path (the field resolvers of hot queries such as the donor's tracking
 * screen): MikroORM still turns the same `FilterQuery` (the module's policy included) into SQL, once
 * per shape of filter (`leanSql`), and runs it in the request's transaction if any, but nothing is
 * hydrated, tracked or put in the identity map. On 20 rows that is about a third of `em.find`'s CPU
 * (bench/subgraph-calls.mjs).
 *
 * Each row is an object with the entity's prototype (its getters work) and its columns converted
 * as hydration converts them; a relation is a stub holding the target's key. It is not managed:
 * a change to it is never flushed, so code that writes loads with `em.find`. (Rows are not frozen:
 * Apollo's `_entities` adds `__typename` to what a reference resolver returns.)
 */
export async function leanFind<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: LeanFindOptions<T> = {},
): Promise<T[]> {
  const meta = em.getMetadata().get(entity);
  const fields = readFields(meta, options.fields);
  // The builder's generics cannot follow a FilterQuery<T> of an unknown T; em.find types the same arguments.
  const query = (filter: unknown) => {
    // The builder types its fields by the entity's; `readFields` checked these against its metadata.
    const qb = em.createQueryBuilder(entity as EntityName<object>).select((fields ?? '*') as never);
    qb.where(filter as FilterQuery<object>);
    if (options.orderBy) qb.orderBy(options.orderBy as QueryOrderMap<object>);
    if (options.limit !== undefined) qb.limit(options.limit);
    return qb.toQuery();
  };
  const shapeKey = `${JSON.stringify(options.orderBy ?? null)}|${options.limit ?? ''}|${fields?.join(',') ?? '*'}`;
  const { sql, params, numbered } = leanSql(meta, em.getPlatform(), where, shapeKey, query);
  // As the builder runs it: in the request's transaction if any, columns mapped to properties.
  const driver = em.getDriver();
  const context = em.getTransactionContext<Transaction>();
  const connection = driver.getConnection(context || !em.config.get('preferReadReplicas') ? 'write' : 'read');
  const rows =
    numbered && params.every(isScalar)
      ? await executeNumbered(connection as unknown as LoggedConnection, context, numbered, params)
      : ((await connection.execute(sql, [...params], 'all', context)) as Record<string, unknown>[]);
  const build = rowBuilder(meta, em.getPlatform(), fields);
  return rows.map((row) => build(row) as T);
}

/** A value PostgreSQL reads from its text as MikroORM would write it into the query. */
const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** What `executeNumbered` uses of MikroORM's connection: its client, and its query log (tests count statements with it). */
interface LoggedConnection {
  ensureConnection(): Promise<void>;
  getClient(): Kysely<unknown>;
  executeQuery<R>(
    query: string,
    run: () => Promise<R>,
    context: { query: string; params: readonly unknown[] },
  ): Promise<R>;
}

/**
 * Runs `text` with its parameters apart (`$1...`), as a named prepared statement (`named-statements.ts`),
 * logged as MikroORM logs its own queries. MikroORM's `execute` writes every value into the text, so
 * PostgreSQL parses and plans each call anew.
 */
async function executeNumbered(
  connection: LoggedConnection,
  transaction: Transaction | undefined,
  text: string,
  params: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  await connection.ensureConnection();
  const client = transaction ?? connection.getClient();
  return connection.executeQuery(
    text,
    async () => (await client.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params]))).rows,
    { query: text, params },
  );
}

/** The columns a lean row can hold: scalars and the keys of owning to-one relations. */
const isColumn = (prop: EntityProperty) =>
  (prop.kind === ReferenceKind.SCALAR || isOwningToOne(prop)) && prop.persist !== false && !prop.formula;

/** `fields` with the primary key, sorted and without repeats; undefined (every column) when one is not a column. */
function readFields(meta: EntityMetadata, fields: readonly string[] | undefined): string[] | undefined {
  if (!fields) return undefined;
  const names = new Set([...meta.primaryKeys, ...fields]);
  for (const name of names) {
    const prop = meta.properties[name as keyof typeof meta.properties] as EntityProperty | undefined;
    if (!prop || !isColumn(prop)) return undefined;
  }
  return [...names].sort();
}

type Convert = (value: unknown) => unknown;
type RowBuilder = (row: Record<string, unknown>) => object;
const builders = new WeakMap<EntityMetadata, Map<string, RowBuilder>>();

/**
 * One builder per entity and set of fields, made once: the per-row work is a loop over ready
 * converters, each reading its property's column. (MikroORM's result mapper, which would rename the
 * columns first, also copies every column of the row once more.)
 */
function rowBuilder(meta: EntityMetadata, platform: Platform, fields: readonly string[] | undefined): RowBuilder {
  let forEntity = builders.get(meta);
  if (!forEntity) builders.set(meta, (forEntity = new Map()));
  const key = fields?.join(',') ?? '*';
  let build = forEntity.get(key);
  if (build) return build;
  const read = fields && new Set(fields);
  const all = meta.props.filter(isColumn);
  const columns = all
    .filter((prop) => !read || read.has(prop.name))
    .map((prop) => {
      if (prop.fieldNames.length !== 1)
        throw new Error(`leanFind: ${meta.className}.${prop.name} spans several columns, which lean rows do not build`);
      return [prop.name, prop.fieldNames[0]!, converter(prop, platform)] as const;
    });
  // Assigning a field on an entity runs MikroORM's change-tracking setter on its prototype. A writable
  // data property of the same name one prototype lower shadows it, so rows get plain, fast own fields.
  // A column left unread answers with an error, never with `undefined` taken for its value.
  const unread = all.filter((prop) => read && !read.has(prop.name)).map((prop) => prop.name);
  const shadow = Object.create(meta.prototype as object, {
    ...Object.fromEntries(columns.map(([name]) => [name, { value: undefined, writable: true }])),
    ...Object.fromEntries(
      unread.map((name) => [
        name,
        {
          get(): never {
            throw new Error(`${meta.className}.${name} was not read: list it in the reads of the field that needs it`);
          },
        },
      ]),
    ),
  }) as Record<string, unknown>;
  build = (row) => {
    const lean = Object.create(shadow) as Record<string, unknown>;
    for (const [name, column, convert] of columns) {
      const value = row[column];
      if (value !== undefined) lean[name] = value === null ? null : convert(value);
    }
    return lean;
  };
  forEntity.set(key, build);
  return build;
}

const isOwningToOne = (prop: EntityProperty) =>
  prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner);

/** Mirrors MikroORM's ObjectHydrator for the property kinds a lean row may hold; refuses the others. */
function converter(prop: EntityProperty, platform: Platform): Convert {
  if (prop.ref || prop.polymorphic)
    throw new Error(`leanFind: ${prop.name} is a reference wrapper, which lean rows do not build`);
  if (isOwningToOne(prop)) {
    if (prop.mapToPk) return (value) => value;
    const target = prop.targetMeta!;
    const [key] = target.primaryKeys;
    return (value) =>
      Object.create(target.prototype as object, { [key!]: { value, enumerable: true, writable: true } });
  }
  const type = prop.customType;
  if (type) return (value) => type.convertToJSValue(value, platform, { mode: 'serialization' });
  if (prop.runtimeType === 'boolean') return (value) => !!value;
  if (prop.runtimeType === 'Date') return (value) => (value instanceof Date ? value : new Date(value as string));
  return (value) => value;
}
