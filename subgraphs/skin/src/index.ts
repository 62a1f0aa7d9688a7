import { startSkinSubgraph } from './app.js';
import { config } from './env.js';

const subgraph = await startSkinSubgraph(config);
console.log(`skin subgraph ready at ${subgraph.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void subgraph.close().then(() => process.exit(0)));
