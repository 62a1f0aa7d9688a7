import { leanFind } from './lean-find.js';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { pageWindow, toConnection, type Connection, type PageArgs } from './connection.js';

export interface PageOptions {
  /** Newest first (ids are UUIDv7, so "after" the cursor means a smaller id); oldest first otherwise. */
  newestFirst?: boolean;
  /** Also count the rows `where` matches, for `totalCount` (one more query, run alongside the page). */
  withTotal?: boolean;
  /** Only these properties of each row (`selectedFields` of the connection's nodes; see `leanFind`). */
  fields?: readonly string[];
}

/**
 * One page of `entity` rows matching `where`, keyset-paged on `id`: one query of `first + 1` rows
 * strictly after the cursor's id (the extra row tells whether a next page exists), never OFFSET.
 *
 * Why not MikroORM's `em.findByCursor`: its cursors encode the ordering values as JSON, while clients
 * already hold ours (`c:<id>`, checked as a UUID, BAD_USER_INPUT when malformed), and it counts the
 * rows on every page by default.
 */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  options: PageOptions = {},
): Promise<Connection<T>> {
  const { limit, afterId } = pageWindow(page);
  const direction = options.newestFirst ? 'desc' : 'asc';
  const after = afterId
    ? ({ id: options.newestFirst ? { $lt: afterId } : { $gt: afterId } } as unknown as FilterQuery<T>)
    : null;
  const [rows, total] = await Promise.all([
    // A page is only read, never written through: lean rows (see leanFind).
    leanFind(em, entity, (after ? { $and: [where, after] } : where) as FilterQuery<T>, {
      orderBy: { id: direction } as never,
      limit: limit + 1,
      fields: options.fields,
    }),
    options.withTotal ? em.count(entity, where) : Promise.resolve(null),
  ]);
  return toConnection(rows as T[], page, total);
}
