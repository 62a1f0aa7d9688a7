import { closeOnSignals } from '@qurbani/kit';
import { startDeliverySubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startDeliverySubgraph(config);
console.log(`delivery subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
