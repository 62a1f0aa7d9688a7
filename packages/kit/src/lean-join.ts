import type { EntityMetadata } from '@mikro-orm/core';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { executeLean, leanRow, storedProps } from './lean-find.js';
import { leanSql, type LeanQuery } from './lean-sql.js';

/** The rows of another entity read with each lean row, in the same statement. */
export interface LeanJoin<B> {
  entity: EntityName<B>;
  /** B's own filter: its policy, as its own loaders apply it. */
  where: FilterQuery<B>;
  /** B's property holding the primary key of the row it belongs to. */
  on: keyof B & string;
  orderBy?: Partial<Record<keyof B & string, 'asc' | 'desc'>>;
}

export interface LeanJoined<A, B> {
  row: A;
  joined: B[];
}

const PREFIX = 'joined:';

/**
 * `leanFind` of A, each row with the rows of B that point at it, in one statement: two lean reads a
 * loader would make one after the other (a sacrifice's shares, a pack's delivery) cost PostgreSQL a
 * statement each, and the second waits for the first. Each side keeps its own filter, built by the
 * query builder as `leanFind` builds it, so the joined rows are exactly those B's own loader would
 * give for these keys: the statement is
 *
 *   select a.*, b.<B's columns> from (<A's read>) as a left join (<B's read>) as b on b.<on> = a.<key>
 *
 * and PostgreSQL flattens both reads into one join (neither has an order or a limit). B's rows come
 * in B's order within each A row, and A's rows in A's order.
 */
export async function leanFindJoined<A extends object, B extends object>(
  em: EntityManager,
  entity: EntityName<A>,
  where: FilterQuery<A>,
  orderBy: Partial<Record<keyof A & string, 'asc' | 'desc'>>,
  join: LeanJoin<B>,
): Promise<LeanJoined<A, B>[]> {
  const metadata = em.getMetadata();
  const [metaA, metaB] = [metadata.get(entity), metadata.get(join.entity)];
  const { statement, shapeKey, keyA, presentB } = joinShape(em, metaA, metaB, orderBy, join);
  const build = (filters: unknown): LeanQuery => {
    const [whereA, whereB] = filters as [unknown, unknown];
    const [a, b] = [read(em, metaA, whereA), read(em, metaB, whereB)];
    return { sql: statement(a.sql, b.sql), params: [...a.params, ...b.params] };
  };
  const rows = await executeLean(em, leanSql(metaA, em.getPlatform(), [where, join.where], shapeKey, build));
  const [toA, toB] = [leanRow<A>(em, metaA), leanRow<B>(em, metaB, PREFIX)];
  const byKey = new Map<unknown, LeanJoined<A, B>>();
  for (const row of rows) {
    let entry = byKey.get(row[keyA]);
    if (!entry) byKey.set(row[keyA], (entry = { row: toA(row), joined: [] }));
    if (row[presentB] !== null) entry.joined.push(toB(row)); // null: A's row has none of B
  }
  return [...byKey.values()];
}

const read = (em: EntityManager, meta: EntityMetadata, filter: unknown) =>
  em
    .createQueryBuilder(meta.class as EntityName<object>)
    .select('*')
    .where(filter as FilterQuery<object>)
    .toQuery();

interface JoinShape {
  /** The statement around A's and B's reads. */
  statement: (a: string, b: string) => string;
  /** What shapes the statement besides the filters, for `leanSql`. */
  shapeKey: string;
  /** A's key column, and the column of B's key in the joined row. */
  keyA: string;
  presentB: string;
}
const shapes = new WeakMap<EntityMetadata, Map<string, JoinShape>>();

/** The statement's fixed parts for one pair of entities, join and order, made once. */
function joinShape<B>(
  em: EntityManager,
  metaA: EntityMetadata,
  metaB: EntityMetadata,
  orderBy: Partial<Record<string, 'asc' | 'desc'>>,
  join: LeanJoin<B>,
): JoinShape {
  const id = JSON.stringify([metaB.className, join.on, orderBy, join.orderBy ?? {}]);
  let byId = shapes.get(metaA);
  if (!byId) shapes.set(metaA, (byId = new Map()));
  let shape = byId.get(id);
  if (shape) return shape;
  const q = (name: string) => em.getPlatform().quoteIdentifier(name);
  const keyA = columnOf(metaA, metaA.primaryKeys[0]!);
  // A's key after A's order keeps each A row's joined rows together.
  const order = [
    ...new Set([...orderTerms('a', metaA, orderBy, q), `a.${q(keyA)} asc`]),
    ...orderTerms('b', metaB, join.orderBy ?? {}, q),
  ].join(', ');
  const selectB = storedProps(metaB)
    .map(({ fieldNames: [c] }) => `b.${q(c!)} as ${q(PREFIX + c!)}`)
    .join(', ');
  const on = `b.${q(columnOf(metaB, join.on))} = a.${q(keyA)}`;
  const statement = (a: string, b: string) =>
    `select a.*, ${selectB} from (${a}) as a left join (${b}) as b on ${on} order by ${order}`;
  shape = {
    statement,
    shapeKey: `joined|${statement('A', 'B')}`,
    keyA,
    presentB: PREFIX + columnOf(metaB, metaB.primaryKeys[0]!),
  };
  byId.set(id, shape);
  return shape;
}

function columnOf(meta: EntityMetadata, property: string): string {
  const prop = meta.properties[property];
  if (!prop?.fieldNames || prop.fieldNames.length !== 1)
    throw new Error(`leanFindJoined: ${meta.className}.${property} is not a one-column property`);
  return prop.fieldNames[0]!;
}

function orderTerms(
  alias: string,
  meta: EntityMetadata,
  orderBy: Partial<Record<string, 'asc' | 'desc'>>,
  q: (name: string) => string,
): string[] {
  return Object.entries(orderBy).map(
    ([property, direction]) => `${alias}.${q(columnOf(meta, property))} ${direction === 'desc' ? 'desc' : 'asc'}`,
  );
}
