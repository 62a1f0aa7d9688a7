import { closeOnSignals } from '@qurbani/kit';
import { startSacrificeSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startSacrificeSubgraph(config);
console.log(`sacrifice subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
