import { closeOnSignals } from '@qurbani/kit';
import { startSkinSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startSkinSubgraph(config);
console.log(`skin subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
