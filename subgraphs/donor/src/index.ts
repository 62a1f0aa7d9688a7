import { startDonorSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startDonorSubgraph(config);
console.log(`donor subgraph ready at ${subgraph.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void subgraph.close().then(() => process.exit(0)));
