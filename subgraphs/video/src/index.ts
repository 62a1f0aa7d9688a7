import { closeOnSignals } from '@qurbani/kit';
import { startVideoSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startVideoSubgraph(config);
console.log(`video subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
