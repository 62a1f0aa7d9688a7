import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './authz.js';

/** `__resolveReference` functions keyed by entity type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: any) => unknown }>;

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/**
 * The only glue between type-graphql and @apollo/subgraph. Reference resolvers must be merged into
 * the resolver map given to `buildSubgraphSchema`: one added afterwards is never called. Roles in
 * `@Authorized(...)` are checked by the kit's `authChecker`.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  references: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  // Every subgraph checks `@Authorized` roles with the kit's one auth checker.
  const schema = await buildSchema({ authChecker, ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, reference] of Object.entries(references)) {
    resolvers[type] = { ...(resolvers[type] ?? {}), ...reference };
  }
  const typeDefs = parse(`${LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as any });
}

export interface SubgraphSchemaParts {
  /** Resolver instances, built with their services; each one's class is what type-graphql reads. */
  resolvers: readonly object[];
  /** The `__resolveReference` maps of the entities this subgraph resolves (its own, resolvable stubs). */
  references?: readonly ReferenceResolvers[];
  /**
   * Entity types no field of this subgraph returns (another subgraph's entity it only adds fields
   * to, e.g. `SeasonDashboard`): type-graphql leaves unreachable types out unless named here.
   */
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
}

/**
 * A subgraph's schema from its resolver instances: `schema.ts` lists them, the kit does the rest.
 * Composition only needs the SDL, so a subgraph may build its resolvers without services for it
 * (see `sdlOnly`); they are never called then.
 */
export function subgraphSchema(parts: SubgraphSchemaParts): Promise<GraphQLSchema> {
  const byClass = new Map<unknown, object>(parts.resolvers.map((resolver) => [resolver.constructor, resolver]));
  return buildFederatedSchema(
    {
      resolvers: [...byClass.keys()] as BuildSchemaOptions['resolvers'],
      container: { get: (cls) => byClass.get(cls) },
      ...(parts.orphanedTypes ? { orphanedTypes: parts.orphanedTypes } : {}),
    },
    Object.assign({}, ...(parts.references ?? [])),
  );
}

/**
 * The services a schema builder was given, or an empty stand-in when it only prints the SDL
 * (composition, codegen): resolvers hold it but no request ever reaches them.
 */
export const sdlOnly = <T extends object>(services: T | undefined): T => services ?? ({} as T);
