import { closeOnSignals } from '@qurbani/kit';
import { startIdentitySubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startIdentitySubgraph(config);
console.log(`identity subgraph ready at ${subgraph.url}`);
closeOnSignals(subgraph);
