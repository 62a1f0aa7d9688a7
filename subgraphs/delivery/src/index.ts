import { startDeliverySubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startDeliverySubgraph(config);
console.log(`delivery subgraph ready at ${subgraph.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void subgraph.close().then(() => process.exit(0)));
