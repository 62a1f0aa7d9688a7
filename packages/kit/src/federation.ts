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
