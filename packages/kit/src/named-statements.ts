import type { Pool, PoolClient, QueryConfig } from 'pg';

/**
 * Lean reads as named prepared statements. A statement's text and parameters go apart: PostgreSQL
 * parses a named statement once per connection and keeps its plan, where a query with its values
 * written into the text is parsed and planned again each time. On the tracking screen's reads that
 * took two fifths off PostgreSQL's CPU per request (BENCHMARKS.md).
 *
 * Only texts given to `nameStatement` are named: the lean-read shapes (`lean-sql.ts`), whose texts
 * are few and stable. A name is never given to another text, so a connection that prepared it
 * never sees it change; past `MAX_NAMED` texts a query goes unnamed, as before, which bounds the
 * statements each connection holds.
 */
const MAX_NAMED = 1000;
const names = new Map<string, string>();

/** Names `text` if there is room; returns whether it is named. */
export function nameStatement(text: string, max = MAX_NAMED): boolean {
  if (names.has(text)) return true;
  if (names.size >= max) return false;
  names.set(text, `lean_${names.size}`);
  return true;
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes each new connection of `pool` send named texts as named statements. MikroORM's Kysely
 * dialect calls `client.query(text, values)`; that call is the one seam between them and `pg`.
 */
export function prepareNamedStatements(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (config, values, callback) => {
      const name = typeof config === 'string' && Array.isArray(values) ? names.get(config) : undefined;
      if (!name) return query(config, values, callback);
      return query(
        { name, text: config as string, values: values as unknown[] } satisfies QueryConfig,
        undefined,
        callback,
      );
    };
  });
}
