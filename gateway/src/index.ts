import { startGateway } from './app.js';
import { config } from './env.js';

const gateway = await startGateway(config);
console.log(`gateway ready: explorer and API at http://localhost:${config.port}/graphql`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void gateway.close().then(() => process.exit(0)));
