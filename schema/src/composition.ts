import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
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
  return { supergraph: result.supergraphSdl, api: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n` };
}
