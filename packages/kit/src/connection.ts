import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';
import { assertId } from './ids.js';

/** Relay page info; the same value type in every subgraph, hence shareable. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Forward pagination arguments shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item already seen.' }) after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { nullable: true, description: 'Total when cheap to know; null otherwise.' }) totalCount!:
      number | null;
  }
  return ConnectionClass as ClassType<Connection<T>>;
}

export const encodeCursor = (id: string) => Buffer.from(`c:${id}`).toString('base64url');

export function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString();
  if (!raw.startsWith('c:')) throw badInput('after is not a valid cursor.', 'after');
  return assertId(raw.slice(2), 'after');
}

/** Validated window: fetch `limit + 1` rows strictly after `afterId` to learn whether a next page exists. */
export function pageWindow(args: PageArgs): { limit: number; afterId?: string } {
  const limit = args.first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('first must be between 1 and 100.', 'first');
  return { limit, afterId: args.after ? decodeCursor(args.after) : undefined };
}

/** Builds a connection from rows fetched with `pageWindow` (up to limit + 1 of them). */
export function toConnection<T extends { id: string }>(
  rows: T[],
  args: PageArgs,
  totalCount: number | null = null,
): Connection<T> {
  const { limit } = pageWindow(args);
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: !!args.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Pages an in-memory list already ordered by id (used for small per-parent lists loaded in batches). */
export function connectionFromArray<T extends { id: string }>(items: T[], args: PageArgs): Connection<T> {
  const { afterId } = pageWindow(args);
  const start = afterId ? items.findIndex((i) => i.id === afterId) + 1 : 0;
  return toConnection(items.slice(start), args, items.length);
}
