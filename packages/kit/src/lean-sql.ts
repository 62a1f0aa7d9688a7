import { RawQueryFragment, type EntityMetadata, type Platform } from '@mikro-orm/core';
import { nameStatement } from './named-statements.js';

/**
 * The SQL of a lean read, kept per shape of its filter, so MikroORM's query builder (a third of a
 * hot loader's CPU) runs once per shape instead of once per batch.
 *
 * The shape is the filter with every string replaced by a slot: keys, operators, raw fragments'
 * SQL, every other value (numbers, booleans, dates, null), the length of every array, the order
 * and the limit. A shape's SQL is found by building the query once with a unique marker in each
 * slot: a parameter that is exactly a marker (or the array literal of a run of markers) takes the
 * string of that slot; a parameter without a marker depends only on the shape and is kept as is;
 * a marker anywhere else (in the SQL text, inside another value) means the builder transformed
 * the string, and that shape is never cached. So a cached query is the builder's own query for
 * the same shape, with the same strings in the same places. `LEAN_SQL_CHECK=1` (the test run)
 * also builds every cached query the slow way and fails on any difference.
 */

type Slot = { string: number } | { array: [number, number] } | { value: unknown };
interface Template {
  sql: string;
  slots: Slot[];
  /** `sql` with `$1, $2...` for its `?`, named for a prepared statement (`named-statements.ts`); null when not. */
  numbered: string | null;
}
export interface LeanQuery {
  sql: string;
  params: readonly unknown[];
  /** The same query with numbered parameters, for a named statement: only from a shape's template. */
  numbered?: string | null;
}
type Build = (where: unknown) => LeanQuery;
/** The marker count so far, and the array literals runs of markers became. */
interface Marks {
  next: number;
  arrays: Map<string, [number, number]>;
  platform: Platform;
}

const MAX_SHAPES = 256; // per entity; past it the map starts over (shapes come from code, not users)
const templates = new WeakMap<EntityMetadata, Map<string, Template | null>>();
const marker = (i: number) => `\u0001${i}\u0001`;
const MARKER = /^\u0001(\d+)\u0001$/;
const checkLeanSql = process.env.LEAN_SQL_CHECK === '1';

/** The filter's shape as a string and its strings in order; null when a value has no shape. */
function describe(where: unknown, strings: string[]): string | null {
  if (typeof where === 'string') {
    strings.push(where);
    return 's';
  }
  if (typeof where === 'function' || typeof where === 'symbol') return null;
  if (where === null || typeof where !== 'object') return `${typeof where}:${String(where)}`;
  if (where instanceof Date) return `date:${where.toISOString()}`;
  if (where instanceof RawQueryFragment) return describeRaw(where, strings);
  if (Array.isArray(where)) {
    const items = where.map((item) => describe(item, strings));
    return items.includes(null) ? null : `[${items.join(',')}]`;
  }
  const proto = Object.getPrototypeOf(where) as unknown;
  if (proto !== Object.prototype && proto !== null) return null; // an entity or a reference: no shape
  const parts: string[] = [];
  for (const key of Reflect.ownKeys(where)) {
    let head: string | null;
    if (typeof key === 'symbol') {
      const fragment = RawQueryFragment.getKnownFragment(key);
      head = fragment ? describeRaw(fragment, strings) : null;
    } else head = JSON.stringify(key);
    const value = head === null ? null : describe((where as Record<string | symbol, unknown>)[key], strings);
    if (value === null) return null;
    parts.push(`${head}:${value}`);
  }
  return `{${parts.join(',')}}`;
}

function describeRaw(fragment: RawQueryFragment, strings: string[]): string | null {
  if (typeof fragment.sql !== 'string') return null;
  const params = describe(fragment.params, strings);
  return params === null ? null : `raw(${JSON.stringify(fragment.sql)},${params})`;
}

/**
 * A copy of the filter with the next marker in place of each string, in `describe`'s order; each
 * array of strings also records the literal `platform` makes of its markers (`$overlap`, `$contains`).
 */
function withMarkers(where: unknown, marks: Marks): unknown {
  if (typeof where === 'string') return marker(marks.next++);
  if (where === null || typeof where !== 'object' || where instanceof Date) return where;
  if (where instanceof RawQueryFragment) return rawWithMarkers(where, marks);
  if (Array.isArray(where)) {
    const from = marks.next;
    const copy = where.map((item) => withMarkers(item, marks));
    if (where.length > 0 && where.every((item) => typeof item === 'string'))
      marks.arrays.set(marks.platform.marshallArray(copy as string[]), [from, marks.next]);
    return copy;
  }
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(where)) {
    const value = (where as Record<string | symbol, unknown>)[key];
    const fragment = typeof key === 'symbol' ? RawQueryFragment.getKnownFragment(key) : undefined;
    const copiedKey = fragment ? rawWithMarkers(fragment, marks).key : key;
    copy[copiedKey] = withMarkers(value, marks);
  }
  return copy;
}

const rawWithMarkers = (fragment: RawQueryFragment, marks: Marks) =>
  new RawQueryFragment(fragment.sql, withMarkers(fragment.params, marks) as unknown[]);

/** The shape's template from a query built with markers; null when a string was transformed. */
function template(query: LeanQuery, arrays: Map<string, [number, number]>): Template | null {
  if (query.sql.includes('\u0001')) return null;
  const slots: Slot[] = [];
  for (const param of query.params) {
    const text = typeof param === 'object' && param !== null ? JSON.stringify(param) : String(param);
    if (!text.includes('\u0001')) slots.push({ value: param });
    else if (typeof param === 'string' && MARKER.test(param)) slots.push({ string: Number(MARKER.exec(param)![1]) });
    else if (typeof param === 'string' && arrays.has(param)) slots.push({ array: arrays.get(param)! });
    else return null;
  }
  const numbered = numberedParameters(query.sql);
  return { sql: query.sql, slots, numbered: numbered && nameStatement(numbered) ? numbered : null };
}

/**
 * `sql` with its `?` placeholders as `$1, $2...`, as PostgreSQL takes them; null when that is not
 * certain: a `?` escaped or doubled (an operator), or a `$` already in the text. Quoted strings and
 * identifiers are left as they are.
 */
export function numberedParameters(sql: string): string | null {
  let out = '';
  let count = 0;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i);
      if (end < 0) return null;
      out += sql.slice(i, end + 1);
      i = end;
    } else if (char === '$' || char === '\\' || (char === '?' && sql[i + 1] === '?')) return null;
    else out += char === '?' ? `$${++count}` : char;
  }
  return out;
}

/** Where the quote opened at `start` closes (a doubled quote stays inside); -1 when it never does. */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  return -1;
}

/**
 * The shape's template, or null when the builder transformed a string or refused a marker: a
 * custom type may validate its values (an enum array takes only its items), and then the shape is
 * built the slow way every time, so only the real value's errors reach the caller.
 */
function templateOf(where: unknown, build: Build, platform: Platform): Template | null {
  const marks: Marks = { next: 0, arrays: new Map(), platform };
  let query: LeanQuery;
  try {
    query = build(withMarkers(where, marks));
  } catch {
    return null;
  }
  return template(query, marks.arrays);
}

function fill(t: Template, strings: string[], platform: Platform): LeanQuery {
  const params = t.slots.map((slot) => {
    if ('string' in slot) return strings[slot.string];
    if ('array' in slot) return platform.marshallArray(strings.slice(...slot.array));
    return slot.value;
  });
  return { sql: t.sql, params };
}

/**
 * The query for `where` (with `shapeKey` holding what else shapes it: order, limit), from the
 * shape's template, or built with `build` when the filter has no shape or the shape no template.
 */
export function leanSql(
  meta: EntityMetadata,
  platform: Platform,
  where: unknown,
  shapeKey: string,
  build: Build,
  check = checkLeanSql,
): LeanQuery {
  const strings: string[] = [];
  const shape = describe(where, strings);
  if (shape === null) return build(where);
  let shapes = templates.get(meta);
  if (!shapes) templates.set(meta, (shapes = new Map()));
  const key = `${shapeKey}|${shape}`;
  let t = shapes.get(key);
  if (t === undefined) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    t = templateOf(where, build, platform);
    shapes.set(key, t);
  }
  if (t === null) return build(where);
  const query = fill(t, strings, platform);
  if (check) assertSameQuery(query, build(where));
  return t.numbered ? { ...query, numbered: t.numbered } : query;
}

function assertSameQuery(cached: LeanQuery, built: LeanQuery): void {
  const a = JSON.stringify(cached);
  const b = JSON.stringify(built);
  if (a !== b) throw new Error(`leanSql: the cached query differs from the builder's\n${a}\n${b}`);
}
