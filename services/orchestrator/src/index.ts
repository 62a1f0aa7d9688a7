import { startOrchestrator } from './app.js';
import { config } from './env.js';

const orchestrator = await startOrchestrator(config);
console.log(`orchestrator ready; health at ${orchestrator.url}/health/ready`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void orchestrator.close().then(() => process.exit(0)));
