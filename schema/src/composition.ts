import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { SUBSCRIPTION_SDL } from '@qurbani/gateway/live-sdl';
import { extendSchema, parse, printSchema } from 'graphql';
import { subgraphs } from './subgraphs.js';

export interface Composed {
  supergraph: string;
  api: string;
}

/** Composes the supergraph offline from each subgraph's SDL: no subgraph needs to run. */
export async function composeSupergraph(): Promise<Composed> {
  const services = await Promise.all(
    subgraphs.map(async ({ name, url, build }) => ({ name, url, typeDefs: parse(printSubgraphSchema(await build())) })),
  );
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  // Clients see the subscriptions the gateway adds to the composed API (gateway/src/live).
  const api = extendSchema(result.schema.toAPISchema().toGraphQLJSSchema(), parse(SUBSCRIPTION_SDL));
  return { supergraph: result.supergraphSdl, api: `${printSchema(api)}\n` };
}
