import { closeOnSignals } from '@qurbani/kit';
import { startDonorSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startDonorSubgraph(config);
console.log(`donor subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
