import { buildDeliverySchema } from '@qurbani/delivery';
import { buildDonorSchema } from '@qurbani/donor';
import { buildIdentitySchema } from '@qurbani/identity';
import { buildSacrificeSchema } from '@qurbani/sacrifice';
import { buildSkinSchema } from '@qurbani/skin';
import { buildVideoSchema } from '@qurbani/video';
import type { GraphQLSchema } from 'graphql';

/** Every subgraph with the URL it listens on by default (npm start); the gateway may override URLs. */
export const subgraphs: { name: string; url: string; build: () => Promise<GraphQLSchema> }[] = [
  { name: 'identity', url: 'http://127.0.0.1:4101/graphql', build: () => buildIdentitySchema() },
  { name: 'donor', url: 'http://127.0.0.1:4102/graphql', build: () => buildDonorSchema() },
  { name: 'sacrifice', url: 'http://127.0.0.1:4103/graphql', build: () => buildSacrificeSchema() },
  { name: 'video', url: 'http://127.0.0.1:4104/graphql', build: () => buildVideoSchema() },
  { name: 'delivery', url: 'http://127.0.0.1:4105/graphql', build: () => buildDeliverySchema() },
  { name: 'skin', url: 'http://127.0.0.1:4106/graphql', build: () => buildSkinSchema() },
];
